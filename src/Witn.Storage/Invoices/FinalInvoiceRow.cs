namespace Witn.Storage.Invoices;

/// <summary>A finalized invoice: <see cref="Document"/> is the JSON every later read returns, byte for byte.</summary>
public sealed record FinalInvoiceRow(
    Guid Id, string TenantId, DateTimeOffset PeriodStart, string Number, string Currency, long TotalMinor, DateTimeOffset FinalizedAt, string Document);
