using Witn.Domain.Quality;

namespace Witn.Storage.Quality;

/// <summary>
/// One group and interval of a quality query: its key (null parts are not grouped on; an agent id or version of ''
/// is "none"), the interval's first day (null for the whole range), the summed counts, the time-to-completion
/// histogram (bucket, outcomes) and the credited minor units per currency.
/// </summary>
public sealed record QualityRow(
    string? Definition,
    string? AgentId,
    string? AgentVersion,
    DateOnly? Period,
    QualityCounts Counts,
    IReadOnlyList<(int Bucket, long Outcomes)> Completion,
    IReadOnlyList<(string Currency, long Minor)> Credited);
