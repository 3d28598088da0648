namespace Witn.Domain.Webhooks;

/// <summary>
/// The retry schedule: after the n-th failed attempt, wait <c>base × 2^(n-1)</c>, at most <c>max</c>, shortened by a
/// random part of up to <c>jitter</c> of itself, so deliveries that failed together are retried spread out.
/// </summary>
public static class WebhookRetry
{
    /// <param name="attempts">Failed attempts so far (1 or more).</param>
    /// <param name="baseDelay">The wait after the first failure.</param>
    /// <param name="maxDelay">The longest wait, before jitter.</param>
    /// <param name="jitter">The largest part of the wait taken off (0 to 1; 0 is the plain exponential schedule).</param>
    /// <param name="sample">A uniform random number in [0, 1) that picks the part taken off (the caller's random source).</param>
    public static TimeSpan DelayAfter(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter = 0, double sample = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitter, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sample, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, 1);
        // 2^30 × any positive base is already past every sensible cap; stop doubling before the ticks overflow.
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var ticks = Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks);
        return TimeSpan.FromTicks((long)(ticks * (1 - (jitter * sample))));
    }
}
