using Witn.Domain.Quality;

namespace Witn.Abstractions.Quality;

/// <summary>
/// One group and interval of a quality read: the key it is grouped on (null parts are not grouped on; an agent
/// grouping names "no agent" with an empty id), the interval's first day (00:00Z; null for the whole range), the
/// summed counts, the time-to-completion histogram (<see cref="CompletionHistogram"/> buckets and their outcomes)
/// and the credited amounts per currency.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.quality.group")]
public sealed record QualityGroup(
    [property: Id(0)] string? Definition,
    [property: Id(1)] string? AgentId,
    [property: Id(2)] string? AgentVersion,
    [property: Id(3)] DateTimeOffset? Period,
    [property: Id(4)] QualityCounts Counts,
    [property: Id(5)] int[] CompletionBuckets,
    [property: Id(6)] long[] CompletionOutcomes,
    [property: Id(7)] QualityCreditedAmount[] Credited);
