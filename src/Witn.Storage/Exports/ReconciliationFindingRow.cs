namespace Witn.Storage.Exports;

/// <summary>One finding as stored, amounts in minor units.</summary>
public sealed record ReconciliationFindingRow(
    int Seq, string TenantId, Guid? InvoiceId, string? InvoiceNumber, int? Line, string Kind, long? LedgerMinor, long? ProviderMinor,
    string? Currency, string? ProviderRef, string? Note);
