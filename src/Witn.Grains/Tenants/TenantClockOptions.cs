namespace Witn.Grains.Tenants;

public sealed record TenantClockOptions
{
    /// <summary>How long an advance waits for routing to reach the events acked before it.</summary>
    public TimeSpan CatchUpTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan CatchUpPoll { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Due outcomes fetched per round.</summary>
    public int TickBatch { get; init; } = 2000;

    /// <summary>Ticks in flight at once.</summary>
    public int TickConcurrency { get; init; } = 1000;

    /// <summary>
    /// How long one advance call ticks before it returns to let the caller call again (the API does, until
    /// everything due is done): well inside Orleans' 30 s grain-call timeout.
    /// </summary>
    public TimeSpan TimeSlice { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Rounds before an advance gives up (each round ticks up to <see cref="TickBatch"/> outcomes).</summary>
    public int MaxRounds { get; init; } = 1000;
}
