using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Witn.Api.Http;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// The one paging rule of every list endpoint (docs/api.md#lists): <c>?limit=&amp;after=</c>, keyset, and the body
/// <c>{"data", "has_more", "next_after"}</c>, checked on the app's own route table and by paging each list through.
/// </summary>
public sealed class ListsApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    // The list routes of docs/api.md#lists: each takes PageQuery, and nothing else does.
    private static readonly string[] Lists =
    [
        "GET /v1/keys", "GET /v1/outcomes", "GET /v1/tenants", "GET /v1/tenants/{tenant}/contract/versions", "GET /v1/reviews",
        "GET /v1/tenants/{tenant}/charges", "GET /v1/tenants/{tenant}/credits", "GET /v1/tenants/{tenant}/disputes", "GET /v1/tenants/{tenant}/outcomes",
        "GET /v1/tenants/{tenant}/invoices", "GET /v1/tenants/{tenant}/invoices/{periodStart}/lines/{line}/items",
        "GET /v1/webhooks", "GET /v1/webhooks/deliveries", "GET /v1/alerts", "GET /v1/alerts/{name}/history",
        "GET /v1/simulations/{id}/flips", "GET /v1/simulations/{id}/mismatches", "GET /v1/reconciliations/{id}/findings",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void every_list_route_of_the_docs_takes_the_one_page_query_and_no_other_route_does()
    {
        var paged = Routes().Where(r => r.Handler?.GetParameters().Any(p => p.ParameterType == typeof(PageQuery)) == true).Select(r => r.Row).Order(StringComparer.Ordinal);

        Assert.Equal(Lists.Order(StringComparer.Ordinal), paged);
    }

    [Fact]
    public async Task no_get_route_answers_a_bare_json_array_and_every_list_answers_the_page_envelope()
    {
        using var admin = silo.Client();
        var (tenant, line) = await TenantWithChargesAsync(admin, tickets: 1, credits: 0);

        var failures = new List<string>();
        foreach (var route in Routes().Where(r => r.Method == "GET" && r.Row.StartsWith("GET /v1", StringComparison.Ordinal)))
        {
            // Only routes whose path values can be filled in generically: a single item ({id}, {name}, …) is no list.
            var path = route.Pattern.Replace("{tenant}", tenant, StringComparison.Ordinal).Replace("{periodStart}", "2026-11-01", StringComparison.Ordinal)
                .Replace("{line}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            if (path.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            // Routes whose query has required parameters get them (the reviews' tenant, the two versions compared).
            path += route.Row switch
            {
                "GET /v1/reviews" => $"?tenant={tenant}",
                "GET /v1/tenants/{tenant}/quality/compare" => "?definition=ticket_resolved&agent=support-bot&versions=3.1,3.2",
                _ => "",
            };
            using var response = await admin.GetAsync(path, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{route.Row}: {(int)response.StatusCode} {text}");
                continue;
            }

            // The operator console's routes are pages only (docs/console.md): no JSON to check.
            if (response.Content.Headers.ContentType?.MediaType == "text/html" && route.Row.StartsWith("GET /v1/console", StringComparison.Ordinal))
            {
                continue;
            }

            var body = JsonDocument.Parse(text).RootElement;
            if (body.ValueKind == JsonValueKind.Array)
            {
                failures.Add($"{route.Row} answers a bare array: a list answers {{\"data\", \"has_more\", \"next_after\"}}");
            }
            else if (Lists.Contains(route.Row))
            {
                try
                {
                    PagedList.Data(body);
                }
                catch (InvalidOperationException e)
                {
                    failures.Add($"{route.Row}: {e.Message}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task every_list_refuses_a_limit_out_of_range_and_a_malformed_after_with_a_problem_naming_it()
    {
        using var admin = silo.Client();
        var (tenant, line) = await TenantWithChargesAsync(admin, tickets: 1, credits: 0);

        var failures = new List<string>();
        foreach (var list in Lists)
        {
            var path = list["GET ".Length..].Replace("{tenant}", tenant, StringComparison.Ordinal).Replace("{periodStart}", "2026-11-01", StringComparison.Ordinal)
                .Replace("{line}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + (list == "GET /v1/reviews" ? $"?tenant={tenant}&" : "?");
            foreach (var (query, parameter) in new[] { ("limit=0", "limit"), ("limit=1001", "limit"), ("after=%01", "after") })
            {
                using var response = await admin.GetAsync(path + query, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains($"\"path\":\"{parameter}\"", StringComparison.Ordinal))
                {
                    failures.Add($"{list}?{query}: {(int)response.StatusCode} {text}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task every_list_pages_through_all_its_items_one_at_a_time_without_a_gap_or_a_repeat()
    {
        using var admin = silo.Client();
        var (tenant, line) = await TenantWithChargesAsync(admin, tickets: 3, credits: 2);
        foreach (var i in Enumerable.Range(0, 3))
        {
            (await admin.PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"paging {{i}}","scopes":["read"],"tenant_id":"{{tenant}}"}"""), Ct)).EnsureSuccessStatusCode();
            (await admin.PostAsync("/v1/webhooks", KeysApiTests.Json($$"""{"url":"https://paging.example/{{i}}","events":["charge.committed"],"tenant_id":"{{tenant}}"}"""), Ct)).EnsureSuccessStatusCode();
            var yaml = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct))
                .Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal);
            (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
            var name = $"paging_{Guid.NewGuid().ToString("N")[..8]}";
            var definition = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct))
                .Replace("name: ticket_resolved", $"name: {name}", StringComparison.Ordinal).Replace("ticket.", "paging.", StringComparison.Ordinal); // routes none of the tickets
            (await admin.PutAsync($"/v1/outcomes/{name}", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
            await silo.PutTenantAsync($"{tenant}-{i}", Ct);
        }

        using var restricted = silo.Client(await KeyAsync(admin, tenant));
        var lists = new (HttpClient Client, string Path, int AtLeast)[]
        {
            (admin, "/v1/keys", 3),
            (restricted, "/v1/keys", 4),
            (admin, "/v1/outcomes", 4),
            (admin, "/v1/tenants", 4),
            (restricted, "/v1/tenants", 1),
            (admin, $"/v1/tenants/{tenant}/contract/versions", 4),
            (admin, $"/v1/tenants/{tenant}/outcomes", 3),
            (admin, $"/v1/tenants/{tenant}/charges", 3),
            (admin, $"/v1/tenants/{tenant}/credits", 2),
            (admin, $"/v1/tenants/{tenant}/invoices", 11),
            (admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{line}/items", 3),
            (admin, "/v1/webhooks", 3),
            (restricted, "/v1/webhooks", 3),
        };
        foreach (var (client, path, atLeast) in lists)
        {
            var whole = await PagedList.PageAsync(client, $"{path}?limit=1000", Ct);
            var paged = new List<JsonElement>();
            for (string? after = null; ;)
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"{path}?limit=2" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"), Ct);
                var data = PagedList.Data(page);
                Assert.True(data.Count <= 2, $"{path}: a page of limit 2 has {data.Count} items");
                paged.AddRange(data);
                after = PagedList.NextAfter(page);
                if (after is null)
                {
                    break;
                }

                Assert.Equal(2, data.Count);
            }

            Assert.True(whole.Count >= atLeast, $"{path}: {whole.Count} items, expected at least {atLeast}");
            Assert.Equal(whole.Select(e => e.GetRawText()), paged.Select(e => e.GetRawText()));
        }

        Assert.Single(await PagedList.AllAsync(restricted, "/v1/tenants", Ct), t => t.GetProperty("id").GetString() == tenant);
        Assert.All(await PagedList.AllAsync(restricted, "/v1/keys", Ct), k => Assert.Equal(tenant, k.GetProperty("tenant_id").GetString()));
    }

    [Fact]
    public async Task an_after_that_names_no_item_the_key_may_see_is_a_problem_naming_after()
    {
        using var admin = silo.Client();
        var (tenant, line) = await TenantWithChargesAsync(admin, tickets: 1, credits: 0);
        var (other, _) = await TenantWithChargesAsync(admin, tickets: 1, credits: 0);
        var otherCharge = (await PagedList.PageAsync(admin, $"/v1/tenants/{other}/charges", Ct))[0].GetProperty("id").GetString();
        var adminKeyId = (await PagedList.AllAsync(admin, "/v1/keys", Ct)).First(k => k.GetProperty("tenant_id").ValueKind == JsonValueKind.Null).GetProperty("id").GetString();
        using var restricted = silo.Client(await KeyAsync(admin, tenant));

        var failures = new List<string>();
        foreach (var (client, path) in new[]
        {
            (admin, $"/v1/tenants/{tenant}/charges?after={otherCharge}"),
            (admin, $"/v1/tenants/{tenant}/credits?after={Guid.NewGuid()}"),
            (admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/lines/{line}/items?after={otherCharge}"),
            (admin, $"/v1/keys?after=0000000000000000"),
            (restricted, $"/v1/keys?after={adminKeyId}"),
            (admin, $"/v1/webhooks?after={Guid.NewGuid()}"),
            (admin, $"/v1/webhooks/deliveries?after={Guid.NewGuid()}"),
            (admin, $"/v1/tenants/{tenant}/charges?after=not-an-id"),
            (admin, $"/v1/tenants/{tenant}/invoices?after=november"),
            (admin, $"/v1/tenants/{tenant}/contract/versions?after=two"),
            (admin, $"/v1/tenants/{tenant}/outcomes?after=no-slash"),
        })
        {
            using var response = await client.GetAsync(path, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains("\"path\":\"after\"", StringComparison.Ordinal)
                || !text.Contains("pass the next_after of the previous page", StringComparison.Ordinal))
            {
                failures.Add($"{path}: {(int)response.StatusCode} {text}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task the_definition_list_holds_summaries_and_the_source_is_on_the_single_definition()
    {
        using var admin = silo.Client();
        await TenantWithChargesAsync(admin, tickets: 1, credits: 0);

        var listed = Assert.Single(await PagedList.AllAsync(admin, "/v1/outcomes", Ct), d => d.GetProperty("name").GetString() == "ticket_resolved");
        var one = await admin.GetFromJsonAsync<JsonElement>("/v1/outcomes/ticket_resolved", Ct);

        Assert.False(listed.TryGetProperty("source", out _));
        Assert.False(listed.TryGetProperty("latest", out _));
        Assert.Equal("/v1/outcomes/ticket_resolved", listed.GetProperty("href").GetString());
        Assert.Equal(one.GetProperty("latest").GetProperty("content_hash").GetString(), listed.GetProperty("content_hash").GetString());
        Assert.Equal(one.GetProperty("latest_version").GetInt32(), listed.GetProperty("latest_version").GetInt32());
        Assert.Contains("ticket.closed", listed.GetProperty("listened_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("ticket_resolved", one.GetProperty("latest").GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    // A sandbox tenant with the acme contract, `tickets` charges settled in November and `credits` of them reopened
    // (credited); returns the tenant and the index of the November invoice's outcome line.
    private static async Task<(string Tenant, int Line)> TenantWithChargesAsync(HttpClient admin, int tickets, int credits)
    {
        var tenant = await InvoicesApiTests.SandboxAsync(admin, tickets: tickets);
        // The events reach their outcomes asynchronously: the clock moves once they all wait out their window.
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=qualified&definition=ticket_resolved", Ct)).Count == tickets, TimeSpan.FromSeconds(30), $"{tickets} qualified");
        using (var advanced = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json("""{"to":"2026-11-05T09:41:00Z"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Count == tickets, TimeSpan.FromSeconds(30), $"{tickets} charges");
        if (credits > 0)
        {
            var reopened = string.Join(',', Enumerable.Range(1, credits).Select(i => $$$"""
                {"tenant_id":"{{{tenant}}}","type":"ticket.reopened","timestamp":"2026-11-05T09:40:30Z","idempotency_key":"T-{{{i}}}-reopened","properties":{"ticket_id":"T-{{{i}}}"}}
                """));
            (await admin.PostAsync("/v1/events", KeysApiTests.Json($$"""{"events":[{{reopened}}]}"""), Ct)).EnsureSuccessStatusCode();
            await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct)).Count == credits, TimeSpan.FromSeconds(30), $"{credits} credits");
        }

        var invoice = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        var line = invoice.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("kind").GetString() == "outcome").GetProperty("line").GetInt32();
        return (tenant, line);
    }

    private static async Task<string> KeyAsync(HttpClient admin, string tenant)
    {
        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"lists","scopes":["admin"],"tenant_id":"{{tenant}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    private IEnumerable<(string Method, string Pattern, string Row, MethodInfo? Handler)> Routes() =>
        from endpoint in silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let raw = "/" + endpoint.RoutePattern.RawText!.Trim('/')
        from method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []
        select (method, raw, $"{method} {raw}", endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault());
}
