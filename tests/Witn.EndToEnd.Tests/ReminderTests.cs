using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// A live tenant runs on real time: each qualified outcome keeps one durable Orleans reminder for its settlement,
/// which survives the silo being killed, and which is cancelled once nothing is due any more.
/// </summary>
public sealed class ReminderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task a_reminder_survives_a_killed_silo_and_settles_the_outcome_once()
    {
        await using var dir = new TempDataDir();
        var tenant = $"live-{Guid.NewGuid().ToString("N")[..10]}";
        var definition = $"quick_{Guid.NewGuid().ToString("N")[..8]}";
        int[] ports;
        await using (var silo = SiloProcess.Start(dir.Path))
        {
            await silo.WaitUntilReadyAsync();
            ports = silo.Ports;
            using var admin = await silo.AuthorizedAsync();
            (await admin.PutAsync($"/v1/tenants/{tenant}", Json("""{"name":"Live","timezone":"UTC"}"""))).EnsureSuccessStatusCode();
            var yaml = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml")))
                .Replace("name: ticket_resolved", $"name: {definition}", StringComparison.Ordinal)
                .Replace("window: 72h", "window: 45s", StringComparison.Ordinal)
                .Replace("grace: 10m", "grace: 1s", StringComparison.Ordinal);
            (await admin.PutAsync($"/v1/outcomes/{definition}", new StringContent(yaml, Encoding.UTF8, "application/yaml"))).EnsureSuccessStatusCode();

            // T-1 settles after the restart; T-2 is reopened inside its window, so its reminder goes away.
            var now = DateTimeOffset.UtcNow.ToString("O");
            var later = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O");
            (await admin.PostAsync("/v1/events", Json($$$"""
                {"events":[
                  {"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"{{{now}}}","idempotency_key":"t1","properties":{"ticket_id":"T-1","resolution":"solved"}},
                  {"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"{{{now}}}","idempotency_key":"t2","properties":{"ticket_id":"T-2","resolution":"solved"}},
                  {"tenant_id":"{{{tenant}}}","type":"ticket.reopened","timestamp":"{{{later}}}","idempotency_key":"t2r","properties":{"ticket_id":"T-2"}}
                ]}
                """))).EnsureSuccessStatusCode();
            await Eventually.HoldsAsync(async () => await StatusAsync(admin, tenant, definition, "T-1") == "qualified" && await StatusAsync(admin, tenant, definition, "T-2") == "voided",
                TimeSpan.FromSeconds(40), "T-1 qualified and T-2 voided (before T-1's 45 s window closes)");
            await silo.KillAsync();
        }

        await using var restarted = SiloProcess.Start(dir.Path, ports: ports);
        await restarted.WaitUntilReadyAsync();
        using var client = await restarted.AuthorizedAsync();
        // The status reads "settled" as soon as real time passes the window; the charge exists once the reminder fired.
        await Eventually.HoldsAsync(async () => (await ChargesAsync(client, tenant)).Count > 0, Deadline, "T-1 charged by its reminder after the restart");
        Assert.Equal("T-1", Assert.Single(await ChargesAsync(client, tenant)).GetProperty("correlation").GetString());
        Assert.Equal("settled", await StatusAsync(client, tenant, definition, "T-1"));

        // Nothing is due any more, so no reminder is left behind for either outcome.
        var cs = await dir.SuperUserConnectionStringAsync();
        await Eventually.HoldsAsync(async () => await ReminderCountAsync(cs, tenant) == 0, TimeSpan.FromSeconds(30), "the reminders cancelled");
    }

    private static async Task<string?> StatusAsync(HttpClient client, string tenant, string definition, string correlation)
    {
        using var response = await client.GetAsync($"/v1/tenants/{tenant}/outcomes/{definition}/{correlation}");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() : null;
    }

    private static async Task<List<JsonElement>> ChargesAsync(HttpClient client, string tenant) =>
        await PagedList.AllAsync(client, $"/v1/tenants/{tenant}/charges");

    private static async Task<long> ReminderCountAsync(string cs, string tenant)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM orleans_reminder WHERE grain_id LIKE '%' || $1 || '%'", conn);
        cmd.Parameters.AddWithValue(tenant);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
