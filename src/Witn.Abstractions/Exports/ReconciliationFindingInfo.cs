namespace Witn.Abstractions.Exports;

/// <summary>One finding of a reconciliation, with both sides' amounts in the currency (null where a side holds nothing).</summary>
[GenerateSerializer, Immutable, Alias("witn.exports.reconciliation-finding-info")]
public sealed record ReconciliationFindingInfo(
    [property: Id(0)] int Seq,
    [property: Id(1)] string TenantId,
    [property: Id(2)] Guid? InvoiceId,
    [property: Id(3)] string? InvoiceNumber,
    [property: Id(4)] int? Line,
    [property: Id(5)] string Kind,
    [property: Id(6)] decimal? LedgerAmount,
    [property: Id(7)] decimal? ProviderAmount,
    [property: Id(8)] string? Currency,
    [property: Id(9)] string? ProviderRef,
    [property: Id(10)] string? Note);
