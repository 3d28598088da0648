namespace Witn.Api.Simulations;

/// <summary>
/// Whether replay with the versions in force gave back the ledger: outcome by outcome (charges and credits) and,
/// when the whole history was replayed, every invoice total. <see cref="Holds"/> is false on any mismatch;
/// <c>GET …/mismatches</c> lists them with both sides.
/// </summary>
public sealed record ParityResponse(bool Holds, long OutcomesCompared, long Mismatches, bool InvoicesChecked, IReadOnlyList<ParityInvoiceResponse> Invoices);
