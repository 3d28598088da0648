using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>A definition published through one silo reaches the catalog of every other silo within a second.</summary>
public sealed class OutcomePropagationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Definition = """
        name: propagated
        correlate_by: ticket_id
        qualify: { seen: ticket.closed }
        settlement: { window: WINDOW }
        """;

    private const string Evaluate = """
        {"name":"propagated","events":[{"type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","properties":{"ticket_id":"T-1"}}]}
        """;

    [Fact]
    public async Task a_version_published_via_one_silo_is_evaluated_by_another_within_a_second()
    {
        await using var dirA = new TempDataDir();
        await using var dirB = new TempDataDir();
        await using var a = SiloProcess.Start(dirA.Path, db.ConnectionString);
        await a.WaitUntilReadyAsync();
        using var viaA = await a.AuthorizedAsync();
        await PublishAsync(viaA, "72h", HttpStatusCode.Created);

        // B starts after version 1 exists, so its catalog holds version 1 from its initial load.
        await using var b = SiloProcess.Start(dirB.Path, db.ConnectionString);
        await b.WaitUntilReadyAsync();
        using var viaB = await b.AuthorizedAsync(await a.AdminKeyAsync());
        Assert.Equal(1, await VersionSeenAsync(viaB));

        await PublishAsync(viaA, "24h", HttpStatusCode.Created);
        var published = Stopwatch.StartNew();

        await Eventually.HoldsAsync(async () => await VersionSeenAsync(viaB) == 2, TimeSpan.FromSeconds(1) - published.Elapsed, "silo B evaluating version 2");
        Assert.True(published.Elapsed < TimeSpan.FromSeconds(1), $"took {published.Elapsed.TotalMilliseconds:0} ms");
    }

    private static async Task PublishAsync(HttpClient client, string window, HttpStatusCode expected)
    {
        using var response = await client.PutAsync("/v1/outcomes/propagated", new StringContent(Definition.Replace("WINDOW", window, StringComparison.Ordinal), Encoding.UTF8, "application/yaml"));
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> VersionSeenAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/outcomes/evaluate", new StringContent(Evaluate, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }
}
