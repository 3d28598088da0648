using System.Net;
using Witn.Client.Events;
using Witn.Domain.Ingestion;

namespace Witn.Client.Tests;

/// <summary>SendAsync through both doors: HTTP and the Orleans gateway give the same results.</summary>
public sealed class SendEventsTests(InProcessSilo silo) : IClassFixture<InProcessSilo>, IAsyncLifetime
{
    private const string Tenant = "client-acme";
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var put = await admin.PutAsync($"/v1/tenants/{Tenant}", new StringContent("""{"name":"Acme","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}""", System.Text.Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private WitnClusterClientOptions Gateway()
    {
        var options = new WitnClusterClientOptions { ClusterId = silo.Settings.ClusterId };
        options.Gateways.Add($"127.0.0.1:{silo.Settings.GatewayPort}");
        return options;
    }

    [Fact]
    public async Task http_and_the_gateway_give_the_same_results_for_the_same_events()
    {
        using var http = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });
        await using var cluster = await WitnClusterClient.ConnectAsync(Gateway());
        WitnEvent[] events =
        [
            new(Tenant, "ticket.closed", At, new { ticket_id = "C-1", resolution = "solved" }, "c1-closed", new WitnAgent("support-bot", "3.1")),
            new(Tenant, "Ticket Closed", At, new { ticket_id = "C-2" }, "c2-closed"),
        ];

        var viaHttp = await http.SendAsync(events);
        var viaGateway = await cluster.SendAsync(events);
        var changed = await cluster.SendAsync([events[0] with { Properties = new { ticket_id = "C-1", resolution = "unsolved" } }]);

        Assert.Equal([EventResultStatus.Accepted, EventResultStatus.Rejected], viaHttp.Select(r => r.Status));
        Assert.Equal([EventResultStatus.Duplicate, EventResultStatus.Rejected], viaGateway.Select(r => r.Status));
        Assert.Equal(viaHttp[0].EventId, viaGateway[0].EventId);
        Assert.Equal(viaHttp[1], viaGateway[1]);
        Assert.Equal(EventResultStatus.Conflict, changed[0].Status);
        Assert.Equal(viaHttp[0].EventId, changed[0].EventId);
    }

    [Fact]
    public async Task more_events_than_one_request_carries_are_sent_in_several_and_answered_in_order()
    {
        using var http = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });
        var events = Enumerable.Range(0, EventEnvelope.MaxEventsPerRequest * 2 + 7)
            .Select(i => new WitnEvent(Tenant, "ticket.created", At, new { ticket_id = $"M-{i}" }, $"many-{i}"))
            .ToList();

        var results = await http.SendAsync(events);

        Assert.Equal(events.Count, results.Count);
        Assert.All(results, r => Assert.Equal(EventResultStatus.Accepted, r.Status));
        Assert.Equal(events.Count, results.Select(r => r.EventId).Distinct().Count());
    }

    [Fact]
    public async Task an_ingest_key_for_another_tenant_gets_the_servers_rejection()
    {
        using var admin = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });
        await silo.PutTenantAsync("someone-else");
        var key = await admin.CreateKeyAsync("other", [Witn.Domain.Access.ApiKeyScope.Ingest], "someone-else");
        using var agent = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = key.Token });

        var results = await agent.SendAsync([new WitnEvent(Tenant, "ticket.closed", At, new { ticket_id = "X" }, "x-1")]);

        Assert.Equal("tenant_not_allowed", results[0].Code);
    }

    [Fact]
    public async Task a_key_without_ingest_scope_is_a_403_api_exception()
    {
        using var admin = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = silo.AdminKey });
        var key = await admin.CreateKeyAsync("reader", [Witn.Domain.Access.ApiKeyScope.Read]);
        using var reader = new WitnHttpClient(new WitnHttpClientOptions { BaseAddress = silo.BaseAddress, ApiKey = key.Token });

        var error = await Assert.ThrowsAsync<WitnApiException>(() => reader.SendAsync([new WitnEvent(Tenant, "ticket.closed", At, null, "r-1")]));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }
}
