using System.Net.Http.Json;
using System.Text.Json;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>Several silo processes on one database form one cluster.</summary>
public sealed class ClusterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    // Shortened failure detection so a killed silo is declared dead in seconds rather than a minute.
    private static readonly Dictionary<string, string> FastMembership = new()
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__DeathVoteExpirationTimeout"] = "00:00:30",
    };

    [Fact]
    public async Task two_silos_form_one_cluster_and_a_killed_one_is_declared_dead_while_the_survivor_carries_on()
    {
        await using var dirA = new TempDataDir();
        await using var dirB = new TempDataDir();
        await using var a = SiloProcess.Start(dirA.Path, db.ConnectionString, environment: FastMembership);
        await a.WaitUntilReadyAsync();
        await using var b = SiloProcess.Start(dirB.Path, db.ConnectionString, environment: FastMembership);
        await b.WaitUntilReadyAsync();

        // Only the first silo on an empty database mints the admin key; the second finds keys present.
        var admin = await a.AdminKeyAsync();
        Assert.False(File.Exists(Path.Combine(dirB.Path, "admin.key")));
        using var viaA = await a.AuthorizedAsync(admin);
        using var viaB = await b.AuthorizedAsync(admin);

        await Eventually.HoldsAsync(async () => (await ActiveSilosAsync(viaA)).Count == 2 && (await ActiveSilosAsync(viaB)).Count == 2,
            TimeSpan.FromSeconds(60), "both silos seeing two active silos");

        // Probes through both silos reach one activation per key, wherever it lives.
        var homes = new Dictionary<string, string>();
        for (var i = 0; i < 16; i++)
        {
            var key = $"probe-{i}";
            var first = await ProbeAsync(viaA, key);
            var second = await ProbeAsync(viaB, key);
            Assert.Equal(first.GetProperty("activation_id").GetString(), second.GetProperty("activation_id").GetString());
            Assert.Equal(first.GetProperty("calls").GetInt64() + 1, second.GetProperty("calls").GetInt64());
            homes[key] = second.GetProperty("silo").GetString()!;
        }

        Assert.Equal(2, homes.Values.Distinct().Count()); // random placement: all 16 on one silo has odds of 1 in 32,768

        var bAddress = (await ClusterAsync(viaB)).GetProperty("served_by").GetString()!;
        await b.KillAsync();

        await Eventually.HoldsAsync(async () => (await SiloStatusAsync(viaA, bAddress)) == "dead",
            TimeSpan.FromSeconds(90), "the killed silo being declared dead");

        // The grains that lived on the dead silo are re-activated on the survivor.
        foreach (var key in homes.Where(h => h.Value == bAddress).Select(h => h.Key))
        {
            var reply = await ProbeAsync(viaA, key);
            Assert.NotEqual(bAddress, reply.GetProperty("silo").GetString());
            Assert.Equal(1, reply.GetProperty("calls").GetInt64());
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await a.Http.GetAsync("/readyz")).StatusCode);
    }

    private static async Task<JsonElement> ProbeAsync(HttpClient client, string key)
    {
        using var response = await client.PostAsync($"/v1/cluster/probes/{key}", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static async Task<JsonElement> ClusterAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/v1/cluster")).Clone();

    private static async Task<List<string>> ActiveSilosAsync(HttpClient client) =>
        [.. (await ClusterAsync(client)).GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "active")
            .Select(s => s.GetProperty("address").GetString()!)];

    private static async Task<string?> SiloStatusAsync(HttpClient client, string address) =>
        (await ClusterAsync(client)).GetProperty("silos").EnumerateArray()
            .Where(s => s.GetProperty("address").GetString() == address)
            .Select(s => s.GetProperty("status").GetString())
            .FirstOrDefault();
}
