namespace Witn.Storage.Log;

public sealed record EventLogOptions
{
    /// <summary>Tenants are hashed over this many ordered partitions. Fixed for a database once the log is first written.</summary>
    public int PartitionCount { get; init; } = 8;

    /// <summary>
    /// How long an idle writer waits after the first append for others to join the same transaction (real time,
    /// not the injected clock: it is a batching knob, and a frozen test clock must not stall writes). While a flush
    /// is running, arrivals queue up and go in the next flush without further waiting. Zero disables the wait.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// How many flushes one writer runs at once. Partition p belongs to lane p % FlushConcurrency; each lane
    /// flushes its partitions one transaction at a time, and lanes run in parallel (their locks never overlap), so
    /// PostgreSQL inserts on several backends. A call spanning lanes completes when all its parts are committed.
    /// </summary>
    public int FlushConcurrency { get; init; } = 4;

    /// <summary>A lane's flush takes whole calls (their part for the lane) up to this many records; a single larger call is flushed alone.</summary>
    public int MaxBatchSize { get; init; } = 2000;
}
