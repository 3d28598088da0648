using CsCheck;
using Witn.Domain.Quality;

namespace Witn.Domain.Tests.Quality;

/// <summary>The log-scale completion histogram: buckets cover every duration once, and a percentile read from it is within its stated error.</summary>
public sealed class CompletionHistogramTests
{
    [Fact]
    public void every_duration_falls_in_the_bucket_whose_bounds_hold_it()
    {
        Gen.Double[1, 3e8].Sample(seconds =>
        {
            var d = TimeSpan.FromSeconds(seconds);
            var b = CompletionHistogram.BucketOf(d);
            Assert.InRange(b, 1, CompletionHistogram.Count - 1);
            Assert.True(CompletionHistogram.LowerBound(b) <= d, $"{seconds}s below bucket {b}");
            Assert.True(b == CompletionHistogram.Count - 1 || d < CompletionHistogram.LowerBound(b + 1), $"{seconds}s above bucket {b}");
        });
    }

    [Fact]
    public void a_bound_belongs_to_the_bucket_it_opens_and_under_a_second_is_bucket_zero()
    {
        Assert.Equal(0, CompletionHistogram.BucketOf(TimeSpan.Zero));
        Assert.Equal(0, CompletionHistogram.BucketOf(TimeSpan.FromMilliseconds(999)));
        Assert.Equal(0, CompletionHistogram.BucketOf(TimeSpan.FromSeconds(-5)));
        Assert.Equal(1, CompletionHistogram.BucketOf(TimeSpan.FromSeconds(1)));
        for (var b = 1; b < 200; b++)
        {
            Assert.Equal(b, CompletionHistogram.BucketOf(CompletionHistogram.LowerBound(b)));
        }

        Assert.Equal(CompletionHistogram.Count - 1, CompletionHistogram.BucketOf(TimeSpan.MaxValue));
    }

    [Fact]
    public void a_percentile_from_the_buckets_is_within_the_stated_error_of_the_exact_nearest_rank()
    {
        Gen.Select(Gen.Double[1, 1e7].Array[1, 400], Gen.Double[0.01, 1]).Sample((seconds, q) =>
        {
            var sorted = seconds.Order().ToArray();
            var exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            var counts = seconds.Select(s => (CompletionHistogram.BucketOf(TimeSpan.FromSeconds(s)), 1L));

            var read = CompletionHistogram.Percentile(counts, q)!.Value.TotalSeconds;

            Assert.True(Math.Abs(read - exact) <= exact * CompletionHistogram.RelativeError * 1.000001, $"q={q}: read {read}s for {exact}s");
        });
    }

    [Fact]
    public void histograms_merge_by_adding_counts()
    {
        Gen.Select(Gen.Double[1, 1e6].Array[1, 100], Gen.Double[1, 1e6].Array[1, 100]).Sample((a, b) =>
        {
            (int, long)[] Of(IEnumerable<double> xs) => [.. xs.GroupBy(x => CompletionHistogram.BucketOf(TimeSpan.FromSeconds(x))).Select(g => (g.Key, (long)g.Count()))];
            var merged = Of(a).Concat(Of(b));
            var whole = Of(a.Concat(b));
            foreach (var q in new[] { 0.5, 0.9, 1.0 })
            {
                Assert.Equal(CompletionHistogram.Percentile(whole, q), CompletionHistogram.Percentile(merged, q));
            }
        });
    }

    [Fact]
    public void nothing_counted_has_no_percentile_and_the_error_is_about_four_percent()
    {
        Assert.Null(CompletionHistogram.Percentile([], 0.5));
        Assert.Null(CompletionHistogram.Percentile([(3, 0)], 0.5));
        Assert.InRange(CompletionHistogram.RelativeError, 0.043, 0.045);
    }
}
