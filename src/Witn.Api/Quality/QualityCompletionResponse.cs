using Witn.Domain.Common;
using Witn.Domain.Quality;

namespace Witn.Api.Quality;

/// <summary>
/// Time to billable completion (first event → settles_at) of the outcomes that settled: how many, and the median and
/// 90th percentile as durations ("36h", "5400s") and in seconds, read from the log-scale histogram (within 4.4 %).
/// </summary>
public sealed record QualityCompletionResponse(long Outcomes, string? P50, string? P90, long? P50Seconds, long? P90Seconds)
{
    public static QualityCompletionResponse From(int[] buckets, long[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(outcomes);
        var counts = buckets.Zip(outcomes, (b, n) => (b, n)).ToArray();
        var p50 = Seconds(CompletionHistogram.Percentile(counts, 0.5));
        var p90 = Seconds(CompletionHistogram.Percentile(counts, 0.9));
        return new(outcomes.Sum(), Text(p50), Text(p90), p50, p90);
    }

    private static long? Seconds(TimeSpan? d) => d is { } x ? (long)Math.Round(x.TotalSeconds, MidpointRounding.AwayFromZero) : null;

    private static string? Text(long? seconds) => seconds is { } s ? Durations.Format(TimeSpan.FromSeconds(s)) : null;
}
