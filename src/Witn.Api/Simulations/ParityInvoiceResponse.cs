namespace Witn.Api.Simulations;

/// <summary>One invoice's parity: the ledger's total and replay's, to the cent.</summary>
public sealed record ParityInvoiceResponse(string Tenant, string PeriodStart, string LedgerTotal, string ReplayTotal, string Currency, bool Matches);
