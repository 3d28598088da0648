namespace Witn.Storage.Log;

public sealed record EventLogOptions
{
    /// <summary>Tenants are hashed over this many ordered partitions. Fixed for a database once the log is first written.</summary>
    public int PartitionCount { get; init; } = 8;

    /// <summary>
    /// How long an idle lane waits, after a flush that carried several callers, for others to join the next
    /// transaction (real time, not the injected clock: it is a batching knob, and a frozen test clock must not stall
    /// writes). Zero (the default) never waits: the batching comes from the flush itself, because everything that
    /// arrives while a flush runs goes in the next one. Measured on 2 cores (docs/benchmarks.md), a 1 ms wait cost
    /// latency at low rates (the timer fires ~2 ms late, and at 500 req/s the wait collects one more caller, so it
    /// keeps itself going) and no throughput at high ones.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How many flushes one writer runs at once. Partition p belongs to lane p % FlushConcurrency; each lane
    /// flushes its partitions one transaction at a time, and lanes run in parallel (their locks never overlap), so
    /// PostgreSQL inserts on several backends. A call spanning lanes completes when all its parts are committed.
    /// </summary>
    public int FlushConcurrency { get; init; } = 4;

    /// <summary>A lane's flush takes whole calls (their part for the lane) up to this many records; a single larger call is flushed alone.</summary>
    public int MaxBatchSize { get; init; } = 2000;
}
