namespace Witn.Abstractions.Tenants;

/// <summary>
/// A sandbox tenant's test clock (key: tenant id). Advancing waits until every event acked before the call has
/// reached its outcomes, moves the clock, and returns only after everything due by then has happened.
/// </summary>
[Alias("witn.tenants.clock")]
public interface ITenantClockGrain : IGrainWithStringKey
{
    [Alias("advance")]
    Task<ClockAdvanceReply> AdvanceAsync(DateTimeOffset to);
}
