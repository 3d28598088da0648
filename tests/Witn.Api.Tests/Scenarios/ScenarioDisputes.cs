using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Testing;

namespace Witn.Api.Tests.Scenarios;

/// <summary>
/// The dispute steps of a scenario (<c>dispute</c>, <c>dispute_message</c>, <c>resolve_dispute</c>,
/// <c>approve_dispute</c>, <c>withdraw_dispute</c>) and the <c>disputes</c> and <c>webhooks</c> expectations, all
/// through the HTTP API. The customer's side is sent with the admin key (which may write as either author); the
/// operator's with a key of the <c>disputes</c> scope restricted to the scenario's tenant; an approval with a
/// second admin key. <c>by:</c> on a decision or approval names another key (<c>admin</c>, <c>operator</c>,
/// <c>approver</c>; <c>proposer</c>: the key that made the decision). The latest dispute on a charge is the last one
/// this scenario opened on it (a test clock does not move between steps, so opening times tie).
/// </summary>
public sealed class ScenarioDisputes(HttpClient admin, string tenant, string scenario) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, string> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpClient> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _proposers = new(StringComparer.Ordinal);
    private string? _endpoint;

    public void Dispose()
    {
        foreach (var client in _keys.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>Runs one dispute step; false when <paramref name="kind"/> is not one.</summary>
    public async Task<bool> RunAsync(string kind, JsonObject step, string where)
    {
        switch (kind)
        {
            case "dispute": await OpenAsync(step, where); return true;
            case "dispute_message":
                await ActAsync(step, where, "messages", new JsonObject { ["author"] = Text(step["author"]), ["text"] = Text(step["text"]) },
                    Text(step["author"]) == "operator" ? "operator" : "admin");
                return true;
            case "resolve_dispute":
                var decision = new JsonObject { ["decision"] = Text(step["decision"]), ["note"] = step["note"] is { } note ? Text(note) : $"scenario {scenario}" };
                if (step["amount"] is { } amount)
                {
                    decision["amount"] = Amount(amount);
                }

                var resolver = step["by"] is { } by ? Text(by) : "operator";
                _proposers[Text(step["correlation"])] = resolver;
                await ActAsync(step, where, "resolve", decision, resolver);
                return true;
            case "approve_dispute":
                var approver = step["by"] is { } who ? Text(who) : "approver";
                await ActAsync(step, where, "approve", new JsonObject(), approver == "proposer" ? _proposers.GetValueOrDefault(Text(step["correlation"]), "operator") : approver);
                return true;
            case "withdraw_dispute": await ActAsync(step, where, "withdraw", new JsonObject(), "admin"); return true;
            default: return false;
        }
    }

    /// <summary>Registers a webhook endpoint for the tenant when the scenario expects webhooks (nobody listens: deliveries are counted, not received).</summary>
    public async Task WatchWebhooksAsync(JsonObject scenarioRoot)
    {
        var types = (scenarioRoot["steps"]?.AsArray() ?? [])
            .Select(s => s?["expect"]?["webhooks"]).OfType<JsonObject>()
            .SelectMany(w => w.Select(kv => kv.Key)).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            return;
        }

        var created = await SendAsync(admin, HttpMethod.Post, "/v1/webhooks", new JsonObject
        {
            ["url"] = $"http://127.0.0.1:9/scenarios/{tenant}",
            ["events"] = new JsonArray([.. types.Select(t => JsonValue.Create(t))]),
            ["tenant_id"] = tenant,
        }, "webhooks");
        _endpoint = created.GetProperty("id").GetString();
    }

    /// <summary>What differs from the <c>disputes</c> expectation (correlation → status, or {status, overdue}), or null.</summary>
    public async Task<string?> MismatchAsync(JsonObject expected)
    {
        foreach (var (correlation, want) in expected)
        {
            if (!_latest.TryGetValue(correlation, out var id))
            {
                return $"dispute on {correlation}: the scenario opened none";
            }

            var dispute = await GetAsync($"/v1/disputes/{id}");
            var status = dispute.GetProperty("status").GetString();
            var (wantStatus, wantOverdue) = want is JsonObject both ? (both["status"] is { } s ? Text(s) : null, both["overdue"]?.GetValue<bool>()) : (Text(want), (bool?)null);
            if (wantStatus is not null && status != wantStatus)
            {
                return $"dispute on {correlation}: expected {wantStatus}, found {status} ({dispute})";
            }

            if (wantOverdue is { } overdue && (!dispute.TryGetProperty("overdue", out var o) || o.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || o.GetBoolean() != overdue))
            {
                return $"dispute on {correlation}: expected overdue {overdue}, found {dispute}";
            }
        }

        return null;
    }

    /// <summary>What differs from the <c>webhooks</c> expectation (event type → deliveries of it for the tenant), or null.</summary>
    public async Task<string?> WebhookMismatchAsync(JsonObject expected)
    {
        var deliveries = await PagedList.AllAsync(admin, $"/v1/webhooks/deliveries?endpoint={_endpoint}");
        foreach (var (type, count) in expected)
        {
            var n = (int)count!.GetValue<decimal>();
            var found = deliveries.Count(d => d.GetProperty("type").GetString() == type);
            if (found != n)
            {
                return $"webhooks {type}: expected {n}, found {found}";
            }
        }

        return null;
    }

    private async Task OpenAsync(JsonObject step, string where)
    {
        var correlation = Text(step["correlation"]);
        var charge = await ChargeOfAsync(correlation, where);
        var body = new JsonObject { ["reason"] = Text(step["reason"]), ["message"] = Text(step["message"]) };
        if (step["amount"] is { } amount)
        {
            body["amount"] = Amount(amount);
        }

        var opened = await PostAsync(admin, $"/v1/charges/{charge}/disputes", body, step, HttpStatusCode.Created, where);
        if (opened is { } dispute)
        {
            _latest[correlation] = dispute.GetProperty("id").GetString()!;
        }
    }

    private async Task ActAsync(JsonObject step, string where, string action, JsonObject body, string key)
    {
        var correlation = Text(step["correlation"]);
        Assert.True(_latest.TryGetValue(correlation, out var id), $"{where}: no dispute was opened on {correlation}");
        await PostAsync(await KeyAsync(key), $"/v1/disputes/{id}/{action}", body, step, HttpStatusCode.OK, where);
    }

    /// <summary>
    /// Posts and checks the answer: <paramref name="success"/>, or the step's <c>expect_status</c> with the tenant's
    /// disputes and credits exactly as before (a refusal changes nothing). The created or changed dispute, or null.
    /// </summary>
    private async Task<JsonElement?> PostAsync(HttpClient client, string path, JsonObject body, JsonObject step, HttpStatusCode success, string where)
    {
        var refused = step["expect_status"] is { } status ? (int)status.GetValue<decimal>() : (int?)null;
        var before = refused is null ? null : await StateAsync();
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), Json(body));
        var text = await response.Content.ReadAsStringAsync();
        if (refused is { } expected)
        {
            Assert.True((int)response.StatusCode == expected, $"{where}: expected {expected}, got {(int)response.StatusCode} {text}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json" || expected == 409, $"{where}: a refusal must be a problem: {text}");
            var after = await StateAsync();
            Assert.True(before == after, $"{where}: the refusal changed something:\nbefore {before}\nafter  {after}");
            return null;
        }

        Assert.True(response.StatusCode == success, $"{where}: POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The tenant's disputes and credits as text: what a refused step must leave as it was.</summary>
    private async Task<string> StateAsync()
    {
        var disputes = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/disputes");
        var credits = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits");
        return $"disputes {string.Join("; ", disputes)} credits {string.Join("; ", credits)}";
    }

    private async Task<string> ChargeOfAsync(string correlation, string where) =>
        await Eventually.ReturnsAsync(async () =>
        {
            var charges = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges");
            return charges.Where(c => c.GetProperty("correlation").GetString() == correlation).Select(c => c.GetProperty("id").GetString()).LastOrDefault();
        }, Deadline, $"{where}: a charge for {correlation}");

    /// <summary>A client for a role: <c>admin</c> (the runner's), <c>operator</c> (disputes scope) or <c>approver</c> (a second admin key).</summary>
    private async Task<HttpClient> KeyAsync(string role)
    {
        if (role is not ("admin" or "operator" or "approver"))
        {
            throw new InvalidOperationException($"unknown key '{role}': use admin, operator or approver (or proposer on approve_dispute)");
        }

        if (role == "admin")
        {
            return admin;
        }

        if (!_keys.TryGetValue(role, out var client))
        {
            var created = await SendAsync(admin, HttpMethod.Post, "/v1/keys", new JsonObject
            {
                ["name"] = $"scenario {role}",
                ["scopes"] = new JsonArray(role == "operator" ? "disputes" : "admin"),
                ["tenant_id"] = tenant,
            }, $"{role} key");
            client = new HttpClient { BaseAddress = admin.BaseAddress, Timeout = admin.Timeout };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("key").GetString());
            _keys[role] = client;
        }

        return client;
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, JsonObject body, string what)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = Json(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what}: {method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Amounts go out as decimal strings, as the API writes them ("1.00").</summary>
    private static string Amount(JsonNode amount) => amount.GetValueKind() == JsonValueKind.String
        ? amount.GetValue<string>()
        : amount.GetValue<decimal>().ToString(CultureInfo.InvariantCulture);

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString() ?? "";
}
