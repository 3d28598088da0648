namespace Witn.Abstractions.Exports;

/// <summary>One export to a provider: of an invoice (Stripe) or a charge billed on it (Lago).</summary>
[GenerateSerializer, Immutable, Alias("witn.exports.export-info")]
public sealed record ExportInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Provider,
    [property: Id(2)] string Subject,
    [property: Id(3)] Guid SubjectId,
    [property: Id(4)] string TenantId,
    [property: Id(5)] string Status,
    [property: Id(6)] int Attempts,
    [property: Id(7)] string? ProviderId,
    [property: Id(8)] string? LastError,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? ExportedAt,
    [property: Id(11)] DateTimeOffset? NextAttemptAt,
    [property: Id(12)] string? Method = null);
