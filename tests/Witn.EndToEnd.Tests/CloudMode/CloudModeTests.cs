using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Streaming.EventHubs;
using Witn.Abstractions.Outcomes;
using Witn.Grains.Log;
using Witn.Grains.Relay;
using Witn.Testing;

namespace Witn.EndToEnd.Tests.CloudMode;

/// <summary>
/// Cloud mode end to end, minus Azure: events sent over HTTP are durable in PostgreSQL, relayed to the Event Hubs
/// stream provider, and read back through its receiver, cache and pulling agents into the unchanged tenant and
/// outcome grains.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CloudModeTests(CloudModeSilo silo) : IClassFixture<CloudModeSilo>, IAsyncLifetime
{
    private const string Tenant = "cloud-acme";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public async ValueTask InitializeAsync()
    {
        using var admin = silo.Client();
        using var tenant = await admin.PutAsync($"/v1/tenants/{Tenant}", Json("""{"name":"Acme","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""));
        Assert.True(tenant.IsSuccessStatusCode, await tenant.Content.ReadAsStringAsync());
        var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "code_change_merged.yaml"));
        using var published = await admin.PutAsync("/v1/outcomes/code_change_merged", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task events_reach_the_outcome_grain_through_event_hubs_unchanged_and_in_log_order()
    {
        using var admin = silo.Client();
        var sent = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            // Timestamps run backwards, so event-time order and log order differ.
            var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddSeconds(-i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            sent.Add(await SendAsync(admin, $$$"""{"tenant_id":"{{{Tenant}}}","type":"ci.passed","timestamp":"{{{at}}}","idempotency_key":"order-{{{i}}}","properties":{"pull_request":"PR-1"}}"""));
        }

        var outcome = Outcome("PR-1");
        await Eventually.HoldsAsync(async () => (await outcome.GetArrivalsAsync()).Length == sent.Count, Deadline, "every event reaching the outcome grain");
        Assert.Equal(sent, await outcome.GetArrivalsAsync());
        Assert.Equal(Enumerable.Reverse(sent), await outcome.GetEventIdsAsync());

        // It went through the hub, as Orleans' Event Hubs adapter encodes streams: keyed by tenant, in our namespace.
        var hubEvents = silo.Hub.All();
        Assert.NotEmpty(hubEvents);
        Assert.All(hubEvents, e => Assert.Equal((Tenant, LogStreams.TenantNamespace), (e.PartitionKey, e.GetStreamNamespaceProperty())));

        // The relay checkpoints the log; the PostgreSQL-mode delivery does not run at all.
        Assert.True(await CheckpointedAsync(EventHubsRelay.CheckpointConsumer) > 0);
        Assert.Equal(0, await CheckpointedAsync(LogStreams.CheckpointConsumer));
    }

    [Fact]
    public async Task an_event_delivered_twice_by_event_hubs_is_routed_once()
    {
        using var admin = silo.Client();
        var first = await SendAsync(admin, $$$"""{"tenant_id":"{{{Tenant}}}","type":"ci.passed","timestamp":"2026-11-02T09:00:00Z","idempotency_key":"twice-1","properties":{"pull_request":"PR-2"}}""");
        var outcome = Outcome("PR-2");
        await Eventually.HoldsAsync(async () => (await outcome.GetArrivalsAsync()).Length == 1, Deadline, "the first event reaching the outcome grain");

        // Republish what the hub carried for the tenant (a relay failover republishes exactly that), then a new event
        // behind it: once the new one has arrived, the copies before it in the partition were delivered too.
        var copies = silo.Hub.All().Where(e => e.PartitionKey == Tenant).ToList();
        var stream = silo.Services.GetRequiredService<IClusterClient>().GetStreamProvider(EventHubsRelay.TargetProviderName).GetStream<LogEvent>(LogStreams.ForTenant(Tenant));
        var relayed = await ReadLogAsync();
        await stream.OnNextBatchAsync(relayed);
        var second = await SendAsync(admin, $$$"""{"tenant_id":"{{{Tenant}}}","type":"ci.passed","timestamp":"2026-11-02T09:00:01Z","idempotency_key":"twice-2","properties":{"pull_request":"PR-2"}}""");

        await Eventually.HoldsAsync(async () => (await outcome.GetArrivalsAsync()).Length >= 2, Deadline, "the second event reaching the outcome grain");
        Assert.Equal([first, second], await outcome.GetArrivalsAsync());
        Assert.True(silo.Hub.All().Count(e => e.PartitionKey == Tenant) > copies.Count + 1);
    }

    private IOutcomeGrain Outcome(string pullRequest) =>
        silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IOutcomeGrain>(OutcomeKey.Format(Tenant, "code_change_merged", pullRequest));

    // The tenant's rows as the relay publishes them: each event with its log position.
    private async Task<List<LogEvent>> ReadLogAsync()
    {
        var reader = silo.Services.GetRequiredService<Witn.Storage.Log.EventLogReader>();
        var rows = await reader.ReadTenantAsync(Tenant, null, null, 10_000);
        return [.. rows.Select(r => new LogEvent(r.Position, Domain.Events.OutcomeEvent.Create(r.EventId, r.TenantId, r.Type, r.Timestamp, r.PropertiesJson, r.IdempotencyKey ?? "")))];
    }

    private async Task<long> CheckpointedAsync(string consumer)
    {
        await using var conn = new NpgsqlConnection(silo.DatabaseConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT coalesce(max(position), 0) FROM log_checkpoints WHERE consumer = $1", conn);
        cmd.Parameters.AddWithValue(consumer);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<Guid> SendAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v1/events", Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        Assert.Equal("accepted", result.GetProperty("status").GetString());
        return Guid.Parse(result.GetProperty("event_id").GetString()!);
    }
}
