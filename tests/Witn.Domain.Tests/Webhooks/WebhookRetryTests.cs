using Witn.Domain.Webhooks;

namespace Witn.Domain.Tests.Webhooks;

/// <summary>Webhook retries back off exponentially up to a cap, and jitter spreads them below that wait, never above.</summary>
public sealed class WebhookRetryTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(20, 3600)]
    [InlineData(1000, 3600)]
    public void without_jitter_the_wait_doubles_up_to_the_cap(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetry.DelayAfter(attempts, Base, Max));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(40)]
    public void with_jitter_every_wait_lies_between_the_jittered_floor_and_the_plain_wait(int attempts)
    {
        var plain = WebhookRetry.DelayAfter(attempts, Base, Max);
        var random = new Random(12345);
        var waits = Enumerable.Range(0, 1000).Select(_ => WebhookRetry.DelayAfter(attempts, Base, Max, jitter: 0.5, random.NextDouble())).ToList();

        Assert.All(waits, w => Assert.InRange(w, plain / 2, plain));
        // Spread out: deliveries that failed together are not retried in the same moment.
        Assert.True(waits.Distinct().Count() > 900, "jittered waits should rarely coincide");
        Assert.True(waits.Min() < plain * 0.55 && waits.Max() > plain * 0.95, "jitter should use its whole range");
    }

    [Fact]
    public void the_same_samples_give_the_same_waits()
    {
        List<TimeSpan> Run(int seed)
        {
            var random = new Random(seed);
            return [.. Enumerable.Range(1, 8).Select(a => WebhookRetry.DelayAfter(a, Base, Max, 0.5, random.NextDouble()))];
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Theory]
    [InlineData(0.0, 0.999999, 80)]
    [InlineData(1.0, 0.0, 80)]
    [InlineData(1.0, 0.75, 20)]
    public void the_sample_and_the_jitter_fix_the_part_taken_off(double jitter, double sample, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookRetry.DelayAfter(4, Base, Max, jitter, sample));

    [Theory]
    [InlineData(-0.1, 0.5)]
    [InlineData(1.1, 0.5)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.5, -0.1)]
    public void a_jitter_or_sample_out_of_range_is_refused(double jitter, double sample) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookRetry.DelayAfter(1, Base, Max, jitter, sample));
}
