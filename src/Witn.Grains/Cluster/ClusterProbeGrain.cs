using Witn.Abstractions.Cluster;

namespace Witn.Grains.Cluster;

public sealed class ClusterProbeGrain(ILocalSiloDetails silo) : Grain, IClusterProbeGrain
{
    private long _calls;

    public Task<ProbeReply> PingAsync() => Task.FromResult(new ProbeReply(
        this.GetPrimaryKeyString(),
        silo.SiloAddress.ToParsableString(),
        GrainContext.ActivationId.ToString(),
        ++_calls));
}
