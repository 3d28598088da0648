namespace Witn.Grains.Outcomes;

/// <summary>
/// The due sweep of live tenants (<c>Witn:DueSweep</c>): how often each silo looks, how long past due an outcome
/// must be before the sweep ticks it (its reminder is the fast path and usually wins), how many it takes per
/// tenant and round, and how many it ticks at once.
/// </summary>
public sealed class DueSweepOptions
{
    public const string Section = "Witn:DueSweep";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan Slack { get; set; } = TimeSpan.FromSeconds(10);

    public int Batch { get; set; } = 1000;

    public int Concurrency { get; set; } = 64;
}
