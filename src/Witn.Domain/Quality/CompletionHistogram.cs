namespace Witn.Domain.Quality;

/// <summary>
/// Time to billable completion as counts in fixed log-scale buckets: bucket 0 holds durations under one second,
/// bucket i ≥ 1 holds [2^((i-1)/8), 2^(i/8)) seconds (eight buckets per doubling, the last one open-ended). Fixed
/// bounds make histograms mergeable by adding counts, so a week or a whole agent version is the sum of its days'
/// cells. A percentile is read as the geometric middle of the bucket holding its rank, so it is within
/// 2^(1/16) − 1 ≈ 4.4 % of the exact value (above one second), whatever the number of outcomes.
/// </summary>
public static class CompletionHistogram
{
    /// <summary>Buckets per doubling of the duration.</summary>
    public const int PerDoubling = 8;

    /// <summary>Buckets 0 … Count − 1; the last starts at 2^31 s (68 years) and holds everything above.</summary>
    public const int Count = (31 * PerDoubling) + 2;

    /// <summary>The largest relative error of a percentile above one second.</summary>
    public static double RelativeError { get; } = Math.Pow(2, 1.0 / (2 * PerDoubling)) - 1;

    public static int BucketOf(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        if (seconds < 1)
        {
            return 0;
        }

        var bucket = (int)Math.Floor(Math.Log2(seconds) * PerDoubling) + 1;
        // Log2 of an exact power can land a hair below the integer: the bound itself belongs to the upper bucket.
        if (bucket < Count - 1 && seconds >= LowerBound(bucket + 1).TotalSeconds)
        {
            bucket++;
        }

        return Math.Min(bucket, Count - 1);
    }

    /// <summary>The smallest duration in <paramref name="bucket"/> (zero for bucket 0).</summary>
    public static TimeSpan LowerBound(int bucket) =>
        bucket <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(2, (bucket - 1) / (double)PerDoubling));

    /// <summary>What a rank falling in <paramref name="bucket"/> reads as: its geometric middle (zero for bucket 0).</summary>
    public static TimeSpan Representative(int bucket) =>
        bucket <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(2, (bucket - 0.5) / PerDoubling));

    /// <summary>
    /// The <paramref name="quantile"/> (0 &lt; q ≤ 1) of the durations counted in <paramref name="counts"/> (bucket,
    /// count; any order, a bucket may repeat), by nearest rank; null when nothing was counted.
    /// </summary>
    public static TimeSpan? Percentile(IEnumerable<(int Bucket, long Count)> counts, double quantile)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var merged = new SortedDictionary<int, long>();
        long total = 0;
        foreach (var (bucket, n) in counts)
        {
            if (n <= 0)
            {
                continue;
            }

            merged[bucket] = merged.GetValueOrDefault(bucket) + n;
            total += n;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        foreach (var (bucket, n) in merged)
        {
            seen += n;
            if (seen >= rank)
            {
                return Representative(bucket);
            }
        }

        return Representative(merged.Keys.Max());
    }
}
