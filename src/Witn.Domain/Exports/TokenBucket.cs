namespace Witn.Domain.Exports;

/// <summary>
/// A token bucket that hands out reservations: each operation takes a token, tokens come back at
/// <c>rate</c> per second up to <c>burst</c>, and an operation that finds none waits until its token will be there. So
/// in any stretch of time T at most <c>burst + rate × T</c> operations start — the provider's limit is never reached
/// when the rate is below it. Tokens may go negative: that is the queue of reservations already handed out.
/// </summary>
public readonly record struct TokenBucket(double Tokens, DateTimeOffset At)
{
    public static TokenBucket Full(double burst, DateTimeOffset now) => new(burst, now);

    /// <summary>Reserves one operation asked for at <paramref name="now"/>: the bucket after it, and how long the operation must wait.</summary>
    public (TokenBucket Next, TimeSpan Wait) Reserve(DateTimeOffset now, double ratePerSecond, double burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        // A clock that steps back refills nothing (and never takes tokens away).
        var elapsed = Math.Max(0, (now - At).TotalSeconds);
        var tokens = Math.Min(burst, Tokens + (elapsed * ratePerSecond)) - 1;
        var wait = tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / ratePerSecond);
        return (new TokenBucket(tokens, now > At ? now : At), wait);
    }
}
