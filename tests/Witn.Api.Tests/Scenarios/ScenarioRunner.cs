using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Testing;

namespace Witn.Api.Tests.Scenarios;

/// <summary>
/// Runs one acceptance scenario (format: docs/scenarios.md) against a real silo over HTTP, on a sandbox
/// tenant of its own (the scenario's tenant id plus a unique suffix). Expectations are polled with a deadline,
/// because routing is asynchronous: an expectation holds once it holds, or the test fails naming what differs.
/// Our own scenarios add to the shared format (docs/scenarios.md): <c>finalize: period_start</c> finalizes that
/// invoice, <c>tenant_settings</c> go into the tenant's PUT, and the dispute steps of <see cref="ScenarioDisputes"/>.
/// </summary>
public sealed class ScenarioRunner(HttpClient admin, string file)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _examples = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(file)))!;
    private string _tenant = "";
    private ScenarioDisputes? _disputes;

    public async Task RunAsync()
    {
        var scenario = ScenarioYaml.Parse(File.ReadAllText(file))!.AsObject();
        _tenant = $"{Text(scenario["tenant"])}-{Guid.NewGuid().ToString("N")[..12]}";
        var tenant = new JsonObject
        {
            ["name"] = Text(scenario["name"]),
            ["sandbox"] = true,
            ["clock_start"] = Text(scenario["clock_start"]),
        };
        foreach (var (setting, value) in scenario["tenant_settings"]?.AsObject() ?? [])
        {
            tenant[setting] = Text(value);
        }

        await SendAsync(HttpMethod.Put, $"/v1/tenants/{_tenant}", Json(tenant));
        using var disputes = new ScenarioDisputes(admin, _tenant, Path.GetFileName(file));
        _disputes = disputes;
        await disputes.WatchWebhooksAsync(scenario);

        foreach (var name in scenario["definitions"]?.AsArray() ?? [])
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(_examples, "outcomes", $"{Text(name)}.yaml"));
            await SendAsync(HttpMethod.Put, $"/v1/outcomes/{Text(name)}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        }

        if (scenario["contract"] is { } contract)
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(_examples, "contracts", $"{Text(contract)}.yaml"));
            var own = string.Join('\n', yaml.Split('\n').Select(l => l.StartsWith("tenant:", StringComparison.Ordinal) ? $"tenant: {_tenant}" : l));
            await SendAsync(HttpMethod.Put, $"/v1/tenants/{_tenant}/contract", new StringContent(own, Encoding.UTF8, "application/yaml"));
        }

        var index = 0;
        foreach (var step in scenario["steps"]!.AsArray())
        {
            index++;
            var (kind, body) = step!.AsObject().Single();
            var where = $"{Path.GetFileName(file)} step {index} ({kind})";
            switch (kind)
            {
                case "send": await SendEventsAsync(body!.AsArray(), where); break;
                case "advance_to": await SendAsync(HttpMethod.Post, $"/v1/tenants/{_tenant}/clock/advance", Json(new JsonObject { ["to"] = Text(body) })); break;
                case "review": await ReviewAsync(body!.AsObject(), where); break;
                case "finalize": await FinalizeAsync(Text(body), where); break;
                case "expect": await ExpectAsync(body!.AsObject(), where); break;
                default:
                    if (!await disputes.RunAsync(kind, body!.AsObject(), where))
                    {
                        throw new InvalidOperationException($"{where}: unknown step '{kind}'");
                    }

                    break;
            }
        }
    }

    private async Task SendEventsAsync(JsonArray items, string where)
    {
        var events = new JsonArray();
        foreach (var item in items)
        {
            var repeat = item!["repeat"]?.GetValue<decimal>() is { } n ? (int)n : 0;
            for (var i = 1; i <= Math.Max(repeat, 1); i++)
            {
                var number = i.ToString(CultureInfo.InvariantCulture);
                events.Add(Expand(new JsonObject
                {
                    ["tenant_id"] = _tenant,
                    ["type"] = item["type"]?.DeepClone(),
                    ["timestamp"] = item["at"]?.DeepClone(),
                    ["idempotency_key"] = item["key"]?.DeepClone(),
                    ["agent"] = item["agent"]?.DeepClone(),
                    ["properties"] = item["properties"]?.DeepClone() ?? new JsonObject(),
                }, repeat > 0 ? number : null));
            }
        }

        foreach (var chunk in events.Chunk(1000))
        {
            using var response = await admin.PostAsync("/v1/events", Json(new JsonObject { ["events"] = new JsonArray([.. chunk.Select(e => e!.DeepClone())]) }));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{where}: {(int)response.StatusCode} {text}");
            foreach (var result in JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray())
            {
                var status = result.GetProperty("status").GetString();
                Assert.True(status is "accepted" or "duplicate", $"{where}: event refused: {result}");
            }
        }
    }

    private static JsonNode Expand(JsonNode node, string? number) => number is null
        ? node
        : JsonNode.Parse(node.ToJsonString().Replace("{i}", number, StringComparison.Ordinal))!;

    private async Task ReviewAsync(JsonObject review, string where)
    {
        var correlation = Text(review["correlation"]);
        string? definition = null;
        await Eventually.HoldsAsync(async () =>
        {
            var list = await PagedList.AllAsync(admin, $"/v1/reviews?tenant={_tenant}");
            definition = list.Where(o => o.GetProperty("correlation").GetString() == correlation)
                .Select(o => o.GetProperty("definition").GetString()).FirstOrDefault();
            return definition is not null;
        }, Deadline, $"{where}: {correlation} waiting in review");
        await SendAsync(HttpMethod.Post, $"/v1/tenants/{_tenant}/reviews/{definition}/{Uri.EscapeDataString(correlation)}",
            Json(new JsonObject { ["decision"] = Text(review["decision"]), ["note"] = $"scenario {Path.GetFileName(file)}" }));
    }

    private async Task FinalizeAsync(string periodStart, string where)
    {
        using var response = await admin.PostAsync($"/v1/tenants/{_tenant}/invoices/{periodStart}/finalize", null);
        Assert.True(response.IsSuccessStatusCode, $"{where}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    // The probe fails with what differs, so a timeout names the last difference.
    private Task ExpectAsync(JsonObject expect, string where) =>
        Eventually.HoldsAsync(
            async () => await MismatchAsync(expect) is { } mismatch ? throw new InvalidOperationException(mismatch) : true,
            Deadline,
            where);

    /// <summary>What differs from the expectation now, or null when it holds.</summary>
    private async Task<string?> MismatchAsync(JsonObject expect)
    {
        if (expect["outcomes"] is JsonObject outcomes)
        {
            var listed = await PagedList.AllAsync(admin, $"/v1/tenants/{_tenant}/outcomes");
            foreach (var (correlation, state) in outcomes)
            {
                var actual = listed.Where(o => o.GetProperty("correlation").GetString() == correlation)
                    .Select(o => o.GetProperty("status").GetString()).ToArray();
                if (actual.Length != 1 || actual[0] != Text(state))
                {
                    return $"outcome {correlation}: expected {Text(state)}, found [{string.Join(", ", actual)}]";
                }
            }
        }

        if (expect["charges"] is { } charges && await LedgerMismatchAsync("charges", charges) is { } chargeProblem)
        {
            return chargeProblem;
        }

        if (expect["credits"] is { } credits && await LedgerMismatchAsync("credits", credits) is { } creditProblem)
        {
            return creditProblem;
        }

        if (expect["disputes"] is JsonObject disputes && await _disputes!.MismatchAsync(disputes) is { } disputeProblem)
        {
            return disputeProblem;
        }

        if (expect["webhooks"] is JsonObject webhooks && await _disputes!.WebhookMismatchAsync(webhooks) is { } webhookProblem)
        {
            return webhookProblem;
        }

        return expect["invoice"] is JsonObject invoice ? await InvoiceMismatchAsync(invoice) : null;
    }

    /// <summary>
    /// The invoice of <c>period_start</c>: every expected line matches a line of its own (by the fields given:
    /// description, kind, outcome, quantity, amount), no line is left over, and the total (and status) agree.
    /// </summary>
    private async Task<string?> InvoiceMismatchAsync(JsonObject expected)
    {
        var invoice = await GetAsync($"/v1/tenants/{_tenant}/invoices/{Text(expected["period_start"])}");
        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        var shown = string.Join("; ", lines.Select(l => l.ToString()));
        if (expected["status"] is { } status && invoice.GetProperty("status").GetString() != Text(status))
        {
            return $"invoice status: expected {Text(status)}, found {invoice.GetProperty("status").GetString()}";
        }

        if (expected["lines"] is JsonArray wanted)
        {
            var unmatched = lines.ToList();
            foreach (var w in wanted)
            {
                var match = unmatched.FirstOrDefault(l => LineMatches(l, w!.AsObject()));
                if (match.ValueKind == JsonValueKind.Undefined)
                {
                    return $"invoice: no line matches {w!.ToJsonString()} among {shown}";
                }

                unmatched.Remove(match);
            }

            if (unmatched.Count > 0)
            {
                return $"invoice: unexpected lines {string.Join("; ", unmatched.Select(l => l.ToString()))}";
            }
        }

        if (expected["total"] is { } total && decimal.Parse(invoice.GetProperty("total").GetString()!, CultureInfo.InvariantCulture) != total.GetValue<decimal>())
        {
            return $"invoice total: expected {total.ToJsonString()}, found {invoice.GetProperty("total").GetString()} ({shown})";
        }

        return null;
    }

    private static bool LineMatches(JsonElement line, JsonObject wanted) =>
        (wanted["description"] is not { } d || line.GetProperty("description").GetString() == Text(d))
        && (wanted["kind"] is not { } k || line.GetProperty("kind").GetString() == Text(k))
        && (wanted["outcome"] is not { } o || (line.TryGetProperty("outcome", out var outcome) && outcome.GetString() == Text(o)))
        && (wanted["meter"] is not { } m || (line.TryGetProperty("meter", out var meter) && meter.GetString() == Text(m)))
        && (wanted["quantity"] is not { } q || line.GetProperty("quantity").GetDecimal() == q.GetValue<decimal>())
        && (wanted["amount"] is not { } a || decimal.Parse(line.GetProperty("amount").GetString()!, CultureInfo.InvariantCulture) == a.GetValue<decimal>());

    private async Task<string?> LedgerMismatchAsync(string kind, JsonNode expected)
    {
        var rows = await PagedList.AllAsync(admin, $"/v1/tenants/{_tenant}/{kind}");
        if (expected is JsonValue count)
        {
            var n = (int)count.GetValue<decimal>();
            return rows.Count == n ? null : $"{kind}: expected {n}, found {rows.Count}";
        }

        var wanted = expected.AsArray();
        if (rows.Count != wanted.Count)
        {
            return $"{kind}: expected {wanted.Count}, found {rows.Count}: {string.Join("; ", rows)}";
        }

        var charges = kind == "credits" ? await ChargesByIdAsync() : null;
        var unmatched = rows.ToList();
        foreach (var w in wanted)
        {
            var match = unmatched.FirstOrDefault(r => Matches(r, w!.AsObject(), charges));
            if (match.ValueKind == JsonValueKind.Undefined)
            {
                return $"{kind}: nothing matches {w!.ToJsonString()} in {string.Join("; ", rows)}";
            }

            unmatched.Remove(match);
        }

        return null;
    }

    private static bool Matches(JsonElement row, JsonObject wanted, IReadOnlyDictionary<string, JsonElement>? charges)
    {
        // A credit names its charge; the outcome and correlation are the charge's.
        var subject = charges is null ? row : charges[row.GetProperty("charge_id").GetString()!];
        return (wanted["correlation"] is not { } c || subject.GetProperty("correlation").GetString() == Text(c))
            && (wanted["outcome"] is not { } o || subject.GetProperty("outcome").GetString() == Text(o))
            && (wanted["amount"] is not { } a || (row.GetProperty("amount").GetString() is { } amount
                && decimal.Parse(amount, CultureInfo.InvariantCulture) == a.GetValue<decimal>()));
    }

    private async Task<Dictionary<string, JsonElement>> ChargesByIdAsync() =>
        (await PagedList.AllAsync(admin, $"/v1/tenants/{_tenant}/charges")).ToDictionary(c => c.GetProperty("id").GetString()!);

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static string Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString() ?? "";
}
