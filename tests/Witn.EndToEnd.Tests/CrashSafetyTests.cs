using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// Invariants 1 and 2 under SIGKILL: an acked event is never lost (it is delivered after a restart), and retrying
/// everything after a crash never stores an event twice.
/// </summary>
public sealed class CrashSafetyTests
{
    private const string Tenant = "crash";

    [Fact]
    public async Task a_silo_killed_mid_ingest_loses_no_acked_event_and_retries_store_nothing_twice()
    {
        await using var dir = new TempDataDir();
        var batches = Enumerable.Range(0, 40).Select(b => Batch(b, 250)).ToList();
        var acked = new List<(string Key, string EventId)>();
        int[] ports;
        await using (var silo = SiloProcess.Start(dir.Path))
        {
            await silo.WaitUntilReadyAsync();
            ports = silo.Ports;
            using var admin = await silo.AuthorizedAsync();
            (await admin.PutAsync($"/v1/tenants/{Tenant}", Json("""{"name":"Crash test","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""))).EnsureSuccessStatusCode();

            // Four clients send concurrently; the silo is killed while requests are in flight.
            var sending = batches.Chunk(10).Select(async chunk =>
            {
                foreach (var batch in chunk)
                {
                    try
                    {
                        using var response = await admin.PostAsync("/v1/events", Json(batch.Body));
                        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
                        lock (acked)
                        {
                            acked.AddRange(batch.Keys.Zip(results, (k, r) => (k, r.GetProperty("event_id").GetString()!)));
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        return; // no answer: the caller may retry
                    }
                }
            }).ToList();
            await Eventually.HoldsAsync(() => Task.FromResult(acked.Count >= 2000), TimeSpan.FromSeconds(60), "some batches acked");
            await silo.KillAsync();
            await Task.WhenAll(sending);
        }

        await using var restarted = SiloProcess.Start(dir.Path, ports: ports);
        await restarted.WaitUntilReadyAsync();
        var cs = await dir.SuperUserConnectionStringAsync();

        // Every acked event is in the log, exactly once, with the id the ack gave.
        var stored = await StoredAsync(cs);
        Assert.All(acked, a => Assert.Equal(a.EventId, stored[a.Key]));

        // Retry everything, acked or not: nothing is stored twice, the acked ones are duplicates.
        using var client = await restarted.AuthorizedAsync();
        var retryStatuses = new Dictionary<string, string>();
        foreach (var batch in batches)
        {
            using var response = await client.PostAsync("/v1/events", Json(batch.Body));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
            foreach (var (key, result) in batch.Keys.Zip(results))
            {
                retryStatuses[key] = result.GetProperty("status").GetString()!;
            }
        }

        Assert.All(acked, a => Assert.Equal("duplicate", retryStatuses[a.Key]));
        Assert.Equal(batches.Sum(b => b.Keys.Count), (await StoredAsync(cs)).Count);
        Assert.Equal(0L, await ScalarAsync(cs, "SELECT count(*) FROM (SELECT tenant_id, event_id FROM events GROUP BY 1, 2 HAVING count(*) > 1) d"));

        // Delivery resumes from the checkpoint: every partition's checkpoint reaches its last position.
        await Eventually.HoldsAsync(
            async () => await ScalarAsync(cs, """
                SELECT count(*) FROM (SELECT partition, max(position) AS last FROM events GROUP BY partition) e
                LEFT JOIN log_checkpoints c ON c.partition = e.partition AND c.consumer = 'tenant-router'
                WHERE coalesce(c.position, 0) < e.last
                """) == 0,
            TimeSpan.FromSeconds(60), "delivery of every logged event after the restart");
    }

    private static (List<string> Keys, string Body) Batch(int b, int size)
    {
        var keys = Enumerable.Range(0, size).Select(i => $"crash-{b}-{i}").ToList();
        var events = keys.Select(k => $$$"""{"tenant_id":"{{{Tenant}}}","type":"ticket.created","timestamp":"2026-11-02T09:00:00Z","idempotency_key":"{{{k}}}","properties":{"ticket_id":"{{{k}}}"}}""");
        return (keys, $$"""{"events":[{{string.Join(",", events)}}]}""");
    }

    private static async Task<Dictionary<string, string>> StoredAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT idempotency_key, event_id::text FROM events WHERE tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(Tenant);
        await using var reader = await cmd.ExecuteReaderAsync();
        var stored = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            stored.Add(reader.GetString(0), reader.GetString(1));
        }

        return stored;
    }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
