namespace Witn.Abstractions.Replay;

/// <summary>
/// Replays one partition of a simulation (key: "{simulation id}/{tenant}/{bucket}/{buckets}"). Partitions are
/// ordinary grains, so the cluster spreads them over its silos: a bigger cluster replays faster.
/// </summary>
[Alias("witn.replay.partition-grain")]
public interface IReplayPartitionGrain : IGrainWithStringKey
{
    [Alias("run"), ResponseTimeout("04:00:00")]
    Task<ReplayPartitionReport> RunAsync();
}
