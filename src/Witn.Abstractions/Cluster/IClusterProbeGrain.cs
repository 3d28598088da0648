namespace Witn.Abstractions.Cluster;

/// <summary>
/// An operator's tool: call it through any silo and see which silo hosts the single activation for a key.
/// Proves routing across the cluster without touching billing data.
/// </summary>
[Alias("witn.cluster.probe")]
public interface IClusterProbeGrain : IGrainWithStringKey
{
    [Alias("ping")]
    Task<ProbeReply> PingAsync();
}
