namespace Witn.Domain.Webhooks;

/// <summary>The retry schedule: after the n-th failed attempt, wait <c>base × 2^(n-1)</c>, at most <c>max</c>.</summary>
public static class WebhookRetry
{
    public static TimeSpan DelayAfter(int attempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        // 2^30 × any positive base is already past every sensible cap; stop doubling before the ticks overflow.
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var ticks = baseDelay.Ticks * factor;
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
