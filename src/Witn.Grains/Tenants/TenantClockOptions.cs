namespace Witn.Grains.Tenants;

/// <summary>How a sandbox clock's advance works (<c>Witn:TenantClock</c>), checked at startup by <see cref="TenantClockOptionsValidator"/>.</summary>
public sealed class TenantClockOptions
{
    public const string Section = "Witn:TenantClock";

    /// <summary>How long an advance waits for routing to reach the events acked before it.</summary>
    public TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan CatchUpPoll { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Due outcomes fetched per round.</summary>
    public int TickBatch { get; set; } = 2000;

    /// <summary>Ticks in flight at once.</summary>
    public int TickConcurrency { get; set; } = 1000;

    /// <summary>
    /// How long one advance call ticks before it returns to let the caller call again (the API does, until
    /// everything due is done): well inside Orleans' 30 s grain-call timeout.
    /// </summary>
    public TimeSpan TimeSlice { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Rounds before an advance gives up (each round ticks up to <see cref="TickBatch"/> outcomes).</summary>
    public int MaxRounds { get; set; } = 1000;
}
