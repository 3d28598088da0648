using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Witn.Api.Tests;

/// <summary>The calls the sandbox-tenant tests of disputes and quality make over HTTP, each asserting its status.</summary>
internal static class SandboxCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>POSTs <paramref name="body"/> and asserts <paramref name="expected"/>; the answer's JSON.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient admin, string path, string body, HttpStatusCode expected)
    {
        using var response = await admin.PostAsync(path, KeysApiTests.Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends <paramref name="events"/> (JSON objects) in one batch, asserts 202 and none rejected; each one's status.</summary>
    public static async Task<string[]> SendAsync(HttpClient admin, IReadOnlyList<string> events)
    {
        using var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{string.Join(',', events)}}]}"""), Ct);
        var text = await sent.Content.ReadAsStringAsync(Ct);
        Assert.True(sent.StatusCode == HttpStatusCode.Accepted, text);
        var statuses = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();
        Assert.True(!statuses.Contains("rejected"), text);
        return statuses;
    }

    /// <summary>Moves the tenant's test clock to <paramref name="to"/>.</summary>
    public static async Task AdvanceAsync(HttpClient admin, string tenant, string to)
    {
        using var response = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json($$"""{"to":"{{to}}"}"""), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"advance to {to}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>A new key of one scope, restricted to <paramref name="tenant"/>: its secret.</summary>
    public static async Task<string> KeyAsync(HttpClient admin, string scope, string tenant)
    {
        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"{{scope}} of {{tenant}}","scopes":["{{scope}}"],"tenant_id":"{{tenant}}"}"""), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    /// <summary>Starts a simulation (or, with <paramref name="path"/>, a rebuild), asserts 202, and polls until it is done: its JSON.</summary>
    public static async Task<JsonElement> SimulateAsync(HttpClient admin, string body, string path = "/v1/simulations")
    {
        var started = await PostAsync(admin, path, body, HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString();
        return await Witn.Testing.Eventually.ReturnsAsync<JsonElement?>(async () =>
        {
            using var response = await admin.GetAsync($"/v1/simulations/{id}", Ct);
            var s = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
            var status = s.GetProperty("status").GetString();
            Assert.True(status is "queued" or "running" or "done", s.ToString());
            return status == "done" ? s : null;
        }, TimeSpan.FromSeconds(60), $"simulation {id} done") ?? default;
    }

    /// <summary>Replays the tenant's history with the versions in force and asserts parity holds (no missing or double charge).</summary>
    public static async Task AssertParityAsync(HttpClient admin, string tenant)
    {
        var simulation = await SimulateAsync(admin, $$"""{"tenants":["{{tenant}}"]}""");
        var id = simulation.GetProperty("id").GetString();
        using var mismatches = await admin.GetAsync($"/v1/simulations/{id}/mismatches", Ct);
        Assert.True(simulation.GetProperty("parity").GetProperty("holds").GetBoolean(), $"{simulation}\n{await mismatches.Content.ReadAsStringAsync(Ct)}");
    }
}
