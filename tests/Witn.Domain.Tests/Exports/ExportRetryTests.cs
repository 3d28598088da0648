using CsCheck;
using Witn.Domain.Exports;

namespace Witn.Domain.Tests.Exports;

/// <summary>What a failed export attempt leads to: refusals end it, everything else is retried no sooner than asked, for at most a day.</summary>
public sealed class ExportRetryTests
{
    private static readonly DateTimeOffset First = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ExportRetryPolicy Policy = ExportRetryPolicy.Default;

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(404)]
    [InlineData(422)]
    public void a_refusal_other_than_429_and_409_fails_the_export_at_once(int status) =>
        Assert.Equal((ExportStatus.Failed, null), ExportRetry.After(new ExportFailure(status, null, "no"), 1, First, First, Policy, 0));

    [Theory]
    [InlineData(429)]
    [InlineData(409)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(null)]
    public void throttling_server_errors_and_lost_answers_are_retried(int? status) =>
        Assert.Equal(ExportStatus.Pending, ExportRetry.After(new ExportFailure(status, null, "later"), 1, First, First, Policy, 0).Status);

    [Fact]
    public void a_retry_is_never_sooner_than_retry_after_nor_than_the_backoff_and_never_past_the_limit()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int[0, 7200].Select(s => TimeSpan.FromSeconds(s)), Gen.Int[0, 3600].Select(s => (TimeSpan?)TimeSpan.FromSeconds(s)), Gen.Double[0, 0.999])
            .Sample((attempts, elapsed, retryAfter, sample) =>
            {
                var now = First + elapsed;
                var (status, at) = ExportRetry.After(new ExportFailure(429, retryAfter, "slow down"), attempts, First, now, Policy, sample);
                if (status == ExportStatus.Pending)
                {
                    Assert.True(at >= now + retryAfter!.Value);
                    Assert.True(at >= now + Witn.Domain.Webhooks.WebhookRetry.DelayAfter(attempts, Policy.BaseDelay, Policy.MaxDelay, Policy.Jitter, sample));
                    Assert.True(at - First <= Policy.GiveUpAfter);
                }
                else
                {
                    Assert.Equal(ExportStatus.Dead, status);
                    Assert.Null(at);
                }
            });
    }

    [Fact]
    public void transient_failures_end_dead_once_a_retry_would_fall_past_a_day()
    {
        var late = First + TimeSpan.FromHours(23.99);
        Assert.Equal(ExportStatus.Dead, ExportRetry.After(new ExportFailure(503, TimeSpan.FromMinutes(30), "down"), 30, First, late, Policy, 0).Status);
    }
}
