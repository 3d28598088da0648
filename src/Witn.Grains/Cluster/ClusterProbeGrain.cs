using Orleans.Placement;
using Witn.Abstractions.Cluster;

namespace Witn.Grains.Cluster;

// Random placement spreads probes over the silos, so a probe can show a grain living on another silo.
[RandomPlacement]
public sealed class ClusterProbeGrain(ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    private long _calls;

    public Task<ProbeReply> PingAsync() => Task.FromResult(new ProbeReply(
        this.GetPrimaryKeyString(),
        silo.SiloAddress.ToParsableString(),
        GrainContext.ActivationId.ToString(),
        ++_calls));
}
