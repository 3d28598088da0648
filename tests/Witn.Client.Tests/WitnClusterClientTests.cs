using Witn.Domain.Access;

namespace Witn.Client.Tests;

public sealed class WitnClusterClientTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private Task<WitnClusterClient> ConnectAsync()
    {
        var options = new WitnClusterClientOptions { ClusterId = silo.Settings.ClusterId };
        options.Gateways.Add($"127.0.0.1:{silo.Settings.GatewayPort}");
        return WitnClusterClient.ConnectAsync(options, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task a_probe_pinged_through_the_gateway_is_the_same_activation_http_sees()
    {
        await using var cluster = await ConnectAsync();
        using var http = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });

        var viaGateway = await cluster.PingAsync("both-doors");
        var viaHttp = await http.ProbeAsync("both-doors", TestContext.Current.CancellationToken);
        var viaGatewayAgain = await cluster.PingAsync("both-doors");

        Assert.Equal([1L, 2L, 3L], [viaGateway.Calls, viaHttp.Calls, viaGatewayAgain.Calls]);
        Assert.Equal(viaGateway.ActivationId, viaHttp.ActivationId);
        Assert.Equal(viaGateway.ActivationId, viaGatewayAgain.ActivationId);
        Assert.Equal(viaGateway.Silo, viaHttp.Silo);
    }

    [Fact]
    public async Task keys_listed_through_the_gateway_match_the_http_list()
    {
        using var http = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });
        await silo.PutTenantAsync("acme");
        var created = await http.CreateKeyAsync("gateway-visible", [ApiKeyScope.Ingest], "acme", TestContext.Current.CancellationToken);
        await using var cluster = await ConnectAsync();

        var viaGateway = await cluster.ListKeysAsync();
        var viaHttp = await http.ListKeysAsync(TestContext.Current.CancellationToken).ToArrayAsync();

        Assert.Equivalent(created.Key, Assert.Single(viaGateway, k => k.Id == created.Key.Id), strict: true);
        Assert.Equivalent(viaHttp, viaGateway, strict: true);
    }

    [Fact]
    public async Task a_client_with_another_cluster_id_is_refused_naming_what_to_check()
    {
        var options = new WitnClusterClientOptions { ClusterId = "some-other-cluster", ConnectTimeout = TimeSpan.FromSeconds(2) };
        options.Gateways.Add($"127.0.0.1:{silo.Settings.GatewayPort}");

        var e = await Assert.ThrowsAsync<WitnClusterConnectionException>(() => WitnClusterClient.ConnectAsync(options, TestContext.Current.CancellationToken));

        Assert.StartsWith($"could not connect to Witn cluster 'some-other-cluster' through 127.0.0.1:{silo.Settings.GatewayPort} within 2 s: check that a silo runs there", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_gateway_where_nothing_listens_is_refused()
    {
        var options = new WitnClusterClientOptions { ClusterId = silo.Settings.ClusterId, ConnectTimeout = TimeSpan.FromSeconds(2) };
        options.Gateways.Add($"127.0.0.1:{Witn.Testing.FreePorts.Take(1)[0]}");

        await Assert.ThrowsAsync<WitnClusterConnectionException>(() => WitnClusterClient.ConnectAsync(options, TestContext.Current.CancellationToken));
    }
}
