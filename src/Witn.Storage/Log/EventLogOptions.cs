namespace Witn.Storage.Log;

/// <summary>The durable log's writer (<c>Witn:Log</c>); the host checks it at startup (EventLogOptionsValidator).</summary>
public sealed class EventLogOptions
{
    public const string Section = "Witn:Log";

    /// <summary>The longest batching wait: beyond it every acknowledgement would wait for nothing.</summary>
    public static readonly TimeSpan MaxFlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Tenants are hashed over this many ordered partitions. Fixed for a database once the log is first written.</summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>
    /// How long an idle lane waits, after a bulk flush (see <see cref="LingerAfterRecords"/>), for more callers to
    /// join the next transaction (real time, not the injected clock: it is a batching knob, and a frozen test clock
    /// must not stall writes). Most batching needs no wait: everything that arrives while a flush runs goes in the
    /// next one. Zero never waits.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The wait of <see cref="FlushInterval"/> follows only a flush that carried several callers and at least this many
    /// records. Measured on 2 cores (docs/benchmarks.md): under bulk traffic the wait gathers bigger transactions
    /// (more events/s), while after small flushes it only added latency: the 1 ms timer fires ~2 ms late, and at 500
    /// single-event requests/s each wait collected exactly one more caller, which made the next flush wait again.
    /// </summary>
    public int LingerAfterRecords { get; set; } = 200;

    /// <summary>
    /// How many flushes one writer runs at once. Partition p belongs to lane p % FlushConcurrency; each lane
    /// flushes its partitions one transaction at a time, and lanes run in parallel (their locks never overlap), so
    /// PostgreSQL inserts on several backends. A call spanning lanes completes when all its parts are committed.
    /// </summary>
    public int FlushConcurrency { get; set; } = 4;

    /// <summary>A lane's flush takes whole calls (their part for the lane) up to this many records; a single larger call is flushed alone.</summary>
    public int MaxBatchSize { get; set; } = 2000;
}
