namespace Witn.Domain.Exports;

/// <summary>One compared line: both sides' figures (null where a side has none) and the provider object's id.</summary>
public sealed record ReconciliationFinding(ReconciliationKind Kind, int? Line, long? LedgerMinor, long? ProviderMinor, string Currency, string? ProviderRef, string? Note);
