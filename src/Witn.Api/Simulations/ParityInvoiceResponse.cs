namespace Witn.Api.Simulations;

/// <summary>
/// One invoice's parity: the ledger's total and replay's, to the cent. <see cref="Final"/>: the ledger's total is the
/// finalized invoice's, as issued; else the draft's, as the invoicer rates the ledger now.
/// </summary>
public sealed record ParityInvoiceResponse(string Tenant, string PeriodStart, string LedgerTotal, string ReplayTotal, string Currency, bool Final, bool Matches);
