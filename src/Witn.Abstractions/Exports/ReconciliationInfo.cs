namespace Witn.Abstractions.Exports;

/// <summary>A reconciliation run: what it compares, where it stands, and counts per finding kind once done.</summary>
[GenerateSerializer, Immutable, Alias("witn.exports.reconciliation-info")]
public sealed record ReconciliationInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Provider,
    [property: Id(2)] DateOnly? PeriodStart,
    [property: Id(3)] string[]? Tenants,
    [property: Id(4)] string Trigger,
    [property: Id(5)] string Status,
    [property: Id(6)] string? Error,
    [property: Id(7)] Dictionary<string, long> Counts,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt);
