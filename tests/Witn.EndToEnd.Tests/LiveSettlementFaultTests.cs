using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// Live tenants run on real time: each outcome's Orleans reminder is the fast path to its settlement, and the due
/// sweep the one that cannot be lost. A silo killed at each step of settlement ends with every outcome settled
/// and recording its charge, each charge once.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LiveSettlementFaultTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    // The sweep looks every second for outcomes a second past due, so a lost reminder costs seconds in a test.
    private static readonly Dictionary<string, string> FastSweep = new()
    {
        ["Witn__DueSweep__Interval"] = "00:00:01",
        ["Witn__DueSweep__Slack"] = "00:00:01",
    };

    [Theory]
    [InlineData("before-ledger-commit")]
    [InlineData("after-ledger-commit")]
    [InlineData("after-reminder")]
    public async Task a_silo_killed_at_a_step_of_live_settlement_leaves_every_outcome_settled_with_its_charge(string step)
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        await using var dir = new TempDataDir();
        var tenant = $"live-{Guid.NewGuid().ToString("N")[..10]}";
        const int tickets = 40;
        int[] ports;
        string key;
        await using (var silo = SiloProcess.Start(dir.Path, db.ConnectionString, environment: new Dictionary<string, string> { ["Witn__Faults__CrashAt"] = step }, host: SiloProcess.TestSiloDll))
        {
            await silo.WaitUntilReadyAsync();
            (ports, key) = (silo.Ports, await silo.AdminKeyAsync());
            using var admin = await silo.AuthorizedAsync(key);
            await SetUpAsync(admin, tenant);
            await SendClosedAsync(admin, tenant, tickets);
            await Eventually.HoldsAsync(() => Task.FromResult(silo.HasExited), TimeSpan.FromSeconds(60), $"the silo killing itself at {step}");
            Assert.Equal(137, silo.ExitCode);
        }

        Log($"{step}: at the crash {await CountAsync(db.ConnectionString, "SELECT count(*) FROM charges WHERE tenant_id = $1", tenant)} charges committed, {await RecordedAsync(db.ConnectionString, tenant)} recorded");
        await using var restarted = SiloProcess.Start(dir.Path, db.ConnectionString, environment: FastSweep, ports: ports);
        await restarted.WaitUntilReadyAsync();
        await AssertSettledOnceAsync(db.ConnectionString, tenant, tickets);
    }

    private static async Task SetUpAsync(HttpClient admin, string tenant)
    {
        await PutAsync(admin, $"/v1/tenants/{tenant}", new StringContent("""{"name":"Live faults","timezone":"UTC"}""", Encoding.UTF8, "application/json"));
        var yaml = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml")))
            .Replace("window: 72h", "window: 3s", StringComparison.Ordinal)
            .Replace("grace: 10m", "grace: 1s", StringComparison.Ordinal);
        await PutAsync(admin, "/v1/outcomes/ticket_resolved", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var contract = string.Join('\n', (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml")))
            .Split('\n').Select(l => l.StartsWith("tenant:", StringComparison.Ordinal) ? $"tenant: {tenant}" : l));
        await PutAsync(admin, $"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"));
    }

    private static Task SendClosedAsync(HttpClient client, string tenant, int tickets) =>
        SendAsync(client, tenant, Enumerable.Range(0, tickets).Select(i => $"T-{i:D5}")
            .Select(t => ("ticket.closed", t, $"{t}-close", """{"ticket_id":"%","resolution":"solved"}""".Replace("%", t, StringComparison.Ordinal))));

    private static async Task SendAsync(HttpClient client, string tenant, IEnumerable<(string Type, string Ticket, string Key, string Properties)> events)
    {
        foreach (var chunk in events.Chunk(500))
        {
            var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            var body = new JsonObject
            {
                ["events"] = new JsonArray([.. chunk.Select(e => (JsonNode)new JsonObject
                {
                    ["tenant_id"] = tenant,
                    ["type"] = e.Type,
                    ["timestamp"] = now,
                    ["idempotency_key"] = e.Key,
                    ["properties"] = JsonNode.Parse(e.Properties),
                })]),
            };
            using var response = await client.PostAsync("/v1/events", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /v1/events: {(int)response.StatusCode} {text}");
            Assert.All(JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
        }
    }

    /// <summary>Every ticket settled and recording its charge; one charge per ticket in the ledger, no credit.</summary>
    private static async Task AssertSettledOnceAsync(string cs, string tenant, int tickets)
    {
        await Eventually.HoldsAsync(async () => await RecordedAsync(cs, tenant) == tickets, Deadline,
            $"all {tickets} live outcomes settled with their charge recorded");
        Assert.Equal(tickets, await CountAsync(cs, "SELECT count(*) FROM charges WHERE tenant_id = $1", tenant));
        Assert.Equal(tickets, await CountAsync(cs, "SELECT count(DISTINCT correlation) FROM charges WHERE tenant_id = $1", tenant));
        Assert.Equal(0, await CountAsync(cs, "SELECT count(*) FROM credits WHERE tenant_id = $1", tenant));
        Assert.Equal(tickets, await CountAsync(cs, """
            SELECT count(*) FROM outcomes o JOIN charges c ON c.id = o.charge_id
            WHERE o.tenant_id = $1 AND c.correlation = o.correlation
            """, tenant));
        // Nothing is left due: no outcome waits for a reminder or the sweep.
        Assert.Equal(0, await CountAsync(cs, "SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND next_due_at IS NOT NULL", tenant));
    }

    private static Task<long> RecordedAsync(string cs, string tenant) =>
        CountAsync(cs, "SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND status = 'settled' AND charge_id IS NOT NULL", tenant);

    private static async Task<long> CountAsync(string cs, string sql, string tenant)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(tenant);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task PutAsync(HttpClient client, string path, HttpContent content)
    {
        using var response = await client.PutAsync(path, content);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
