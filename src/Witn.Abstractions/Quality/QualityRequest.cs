using Witn.Domain.Quality;

namespace Witn.Abstractions.Quality;

/// <summary>
/// A quality read (docs/quality.md): the tenant's cells of UTC days [From, To) (instants at 00:00Z; either end open
/// when null), grouped and split in time, filtered by definition, agent id and agent versions when given.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.quality.request")]
public sealed record QualityRequest(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateTimeOffset? From,
    [property: Id(2)] DateTimeOffset? To,
    [property: Id(3)] QualityGrouping By,
    [property: Id(4)] QualityInterval Interval,
    [property: Id(5)] string? Definition = null,
    [property: Id(6)] string? AgentId = null,
    [property: Id(7)] string[]? AgentVersions = null);
