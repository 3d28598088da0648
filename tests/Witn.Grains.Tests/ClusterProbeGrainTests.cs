using Witn.Abstractions.Cluster;

namespace Witn.Grains.Tests;

public sealed class ClusterProbeGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    [Fact]
    public async Task a_probe_counts_the_calls_of_its_activation()
    {
        var probe = cluster.Client.GetGrain<IClusterProbeGrain>("counting");

        var replies = new List<ProbeReply>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await probe.PingAsync());
        }

        Assert.Equal([1L, 2L, 3L], replies.Select(r => r.Calls));
        Assert.Single(replies.Select(r => r.ActivationId).Distinct());
        Assert.All(replies, r => Assert.Equal("counting", r.Key));
    }

    [Fact]
    public async Task a_probe_reports_the_silo_that_hosts_it()
    {
        var reply = await cluster.Client.GetGrain<IClusterProbeGrain>("where").PingAsync();

        Assert.Equal(cluster.Cluster.Silos.Single().SiloAddress.ToParsableString(), reply.Silo);
    }

    [Fact]
    public async Task each_probe_key_has_its_own_activation_and_count()
    {
        var a = cluster.Client.GetGrain<IClusterProbeGrain>("a");
        var b = cluster.Client.GetGrain<IClusterProbeGrain>("b");
        await a.PingAsync();
        await a.PingAsync();

        var fromA = await a.PingAsync();
        var fromB = await b.PingAsync();

        Assert.Equal(3, fromA.Calls);
        Assert.Equal(1, fromB.Calls);
        Assert.NotEqual(fromA.ActivationId, fromB.ActivationId);
    }

    [Fact]
    public async Task a_new_activation_starts_counting_again()
    {
        var probe = cluster.Client.GetGrain<IClusterProbeGrain>("restarted");
        await probe.PingAsync();
        var before = await probe.PingAsync();

        await cluster.Cluster.DeactivateAsync(probe);
        var after = await probe.PingAsync();

        Assert.Equal(2, before.Calls);
        Assert.Equal(1, after.Calls);
        Assert.NotEqual(before.ActivationId, after.ActivationId);
    }
}
