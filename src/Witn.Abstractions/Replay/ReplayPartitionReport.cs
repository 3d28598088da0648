namespace Witn.Abstractions.Replay;

/// <summary>What one replay partition (a tenant, or a bucket of a big tenant's outcomes) read and found.</summary>
[GenerateSerializer, Immutable, Alias("witn.replay.partition-report")]
public sealed record ReplayPartitionReport(
    [property: Id(0)] long EventsRead,
    [property: Id(1)] long Outcomes,
    [property: Id(2)] long Mismatches,
    [property: Id(3)] long Flips,
    [property: Id(4)] bool Cancelled);
