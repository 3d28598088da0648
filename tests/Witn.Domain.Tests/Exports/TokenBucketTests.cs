using CsCheck;
using Witn.Domain.Exports;

namespace Witn.Domain.Tests.Exports;

/// <summary>
/// The exporters' rate limit against a reference model: whatever the pattern of requests, in any stretch of time T at
/// most burst + rate × T operations start, and no operation waits longer than the queue ahead of it requires.
/// </summary>
public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void in_any_window_no_more_operations_start_than_the_burst_and_the_rate_allow()
    {
        Gen.Select(Gen.Double[1, 100], Gen.Int[1, 20], Gen.Int[0, 200].Array[1, 300]).Sample((rate, burst, gapsMs) =>
        {
            var starts = Starts(rate, burst, gapsMs);
            // Reference: count starts in every window that begins at a start (the worst windows begin there).
            for (var i = 0; i < starts.Count; i++)
            {
                foreach (var window in new[] { 0.001, 0.1, 1, 5 })
                {
                    var inWindow = starts.Skip(i).TakeWhile(s => (s - starts[i]).TotalSeconds < window).Count();
                    Assert.True(inWindow <= burst + (rate * window) + 1e-6, $"{inWindow} starts in {window}s at rate {rate}, burst {burst}");
                }
            }
        });
    }

    [Fact]
    public void requests_slower_than_the_rate_never_wait()
    {
        Gen.Select(Gen.Double[1, 100], Gen.Int[1, 20], Gen.Int[1, 50]).Sample((rate, burst, count) =>
        {
            var gapMs = (int)Math.Ceiling(1000 / rate) + 1;
            var bucket = TokenBucket.Full(burst, Start);
            for (var i = 0; i < count; i++)
            {
                (bucket, var wait) = bucket.Reserve(Start.AddMilliseconds(i * gapMs), rate, burst);
                Assert.Equal(TimeSpan.Zero, wait);
            }
        });
    }

    [Fact]
    public void a_burst_of_requests_at_once_is_spread_at_the_rate()
    {
        var bucket = TokenBucket.Full(8, Start);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 88; i++)
        {
            (bucket, var wait) = bucket.Reserve(Start, 80, 8);
            waits.Add(wait);
        }

        Assert.All(waits.Take(8), w => Assert.Equal(TimeSpan.Zero, w));
        // The 88th of a burst starts after (88 - 8) / 80 s = 1 s.
        Assert.Equal(1.0, waits[^1].TotalSeconds, 6);
        Assert.Equal(waits.Order(), waits);
    }

    private static List<DateTimeOffset> Starts(double rate, int burst, int[] gapsMs)
    {
        var bucket = TokenBucket.Full(burst, Start);
        var now = Start;
        var starts = new List<DateTimeOffset>();
        foreach (var gap in gapsMs)
        {
            now = now.AddMilliseconds(gap);
            (bucket, var wait) = bucket.Reserve(now, rate, burst);
            starts.Add(now + wait);
        }

        starts.Sort();
        return starts;
    }
}
