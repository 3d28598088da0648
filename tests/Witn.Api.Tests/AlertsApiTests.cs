using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// <c>/v1/alerts</c> over real HTTP on sandbox tenants: a rule on one agent version's conversion fires once when a
/// regression starts and resolves once when it stops, with its webhooks; built-in rules; validation and key reach.
/// </summary>
public sealed class AlertsApiTests(WebhooksSilo silo, WebhookReceiver receiver) : IClassFixture<WebhooksSilo>, IClassFixture<WebhookReceiver>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private const string Definition = "al_resolved";

    private static readonly string DefinitionYaml = $"""
        name: {Definition}
        correlate_by: ticket_id
        qualify:
          all:
            - seen: ticket.created
            - seen: ticket.closed
        settlement:
          window: 1h
        expire_after: 1d
        """;

    private static readonly DateOnly Start = new(2026, 10, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task four_weeks_with_a_regression_on_one_version_fire_one_alert_for_it_none_for_the_other_and_resolve_when_it_stops()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: true);
        var rule = $"conversion-{tenant}";
        await PutRuleAsync(admin, rule, $$$"""
            {"metric":"conversion_rate","scope":{"tenant":"{{{tenant}}}","definition":"{{{Definition}}}"},"by":"agent_version",
             "condition":{"deviation":{"baseline":"14d","seasonality":"none","k":3,"direction":"below"}},
             "min_volume":5,"evaluate_after":"settlement"}
            """, HttpStatusCode.Created);
        var path = $"/{tenant}/alerts";
        using (var registered = await admin.PostAsJsonAsync("/v1/webhooks",
            new { url = receiver.Url(path), events = new[] { "alert.triggered", "alert.resolved" }, tenant_id = tenant }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // 28 days, two versions, six tickets each a day; on days 18-20 version 2.0 closes only two of its six. Each
        // day's events are sent once the test clock has passed them. Day D is judged once it has ended and its
        // outcomes settled (1 day expiry + 1 h window): at D + 2 days 01:00, so at the end of day k, days up to k - 2.
        for (var day = 0; day <= 30; day++)
        {
            await SandboxCalls.AdvanceAsync(admin, tenant, Start.AddDays(day).ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ"));
            if (day < 28)
            {
                await SendAsync(admin, DayOfTickets(tenant, day));
            }

            if (day == 21)
            {
                // Mid-regression (days up to 19 judged): the 2.0 series is firing, the 1.0 one is not.
                var firing = Assert.Single((await GetJsonAsync(admin, $"/v1/alerts/{rule}")).GetProperty("series").EnumerateArray());
                Assert.Equal(("2.0", "firing"), (firing.GetProperty("agent_version").GetString(), firing.GetProperty("status").GetString()));
            }
        }

        var history = await PagedList.AllAsync(admin, $"/v1/alerts/{rule}/history", Ct);
        Assert.Equal(["triggered", "resolved"], history.Select(h => h.GetProperty("kind").GetString()).ToArray());
        Assert.All(history, h => Assert.Equal("2.0", h.GetProperty("agent_version").GetString()));
        var triggered = history[0];
        Assert.Equal(Start.AddDays(18).ToString("yyyy-MM-dd"), triggered.GetProperty("day").GetDateTimeOffset().ToString("yyyy-MM-dd"));
        Assert.Equal(0.3333m, triggered.GetProperty("value").GetDecimal());
        Assert.Equal(6, triggered.GetProperty("volume").GetInt64());
        Assert.Equal(1m, triggered.GetProperty("baseline").GetProperty("median").GetDecimal());
        Assert.Equal(14, triggered.GetProperty("baseline").GetProperty("days").GetInt32());
        // The examples are the outcomes that did not convert; the rule is kept as it was.
        var examples = triggered.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("correlation").GetString()).ToList();
        Assert.Equal(["2.0-18-2", "2.0-18-3", "2.0-18-4", "2.0-18-5"], examples);
        Assert.Equal("conversion_rate", triggered.GetProperty("rule").GetProperty("metric").GetString());
        var resolved = history[1];
        Assert.Equal(triggered.GetProperty("id").GetString(), resolved.GetProperty("triggered_id").GetString());
        Assert.Equal(Start.AddDays(21).ToString("yyyy-MM-dd"), resolved.GetProperty("day").GetDateTimeOffset().ToString("yyyy-MM-dd"));
        Assert.Empty((await GetJsonAsync(admin, $"/v1/alerts/{rule}")).GetProperty("series").EnumerateArray());

        var received = await Eventually.ReturnsAsync(() =>
        {
            // The endpoint also hears the built-in rules of the tenant; this rule's are the ones named after it.
            var bodies = receiver.At(path).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())
                .Where(b => b.GetProperty("data").GetProperty("alert").GetString() == rule).ToList();
            return Task.FromResult(bodies.Count >= 2 ? bodies : null);
        }, Deadline, "the alert webhooks");
        Assert.Equal(["alert.triggered", "alert.resolved"], received.Select(b => b.GetProperty("type").GetString()).ToArray());
        Assert.Equal(triggered.GetProperty("id").GetString(), received[0].GetProperty("data").GetProperty("id").GetString());

        // Judging again (a later advance) records nothing more.
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-03T00:00:00Z");
        Assert.Equal(2, (await PagedList.AllAsync(admin, $"/v1/alerts/{rule}/history", Ct)).Count);
    }

    [Fact]
    public async Task the_built_in_rules_watch_every_tenant_fire_on_unpriced_charges_and_can_be_turned_off_for_one_tenant_or_all()
    {
        using var admin = silo.Client();
        var rules = await PagedList.AllAsync(admin, "/v1/alerts", Ct);
        var names = rules.Where(r => r.GetProperty("builtin").GetBoolean()).Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(
            ["billable-completions-drop", "conflict-rate-spike", "dispute-rate-rise", "evidence-incomplete", "reconciliation-mismatch", "settlement-backlog", "unpriced-charges", "webhook-dead-letters"],
            names);

        // No contract: every charge is unpriced and its evidence lacks a contract version.
        var tenant = await SandboxAsync(admin, contract: false);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-10-01T03:00:00Z");
        await SendAsync(admin, [Event(tenant, "U-1", "created", "ticket.created", new DateTime(2026, 10, 1, 1, 0, 0, DateTimeKind.Utc), "1.0"),
            Event(tenant, "U-1", "closed", "ticket.closed", new DateTime(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc), "1.0")]);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-10-03T02:00:00Z");
        var unpriced = await PagedList.AllAsync(admin, $"/v1/alerts/unpriced-charges/history?tenant={tenant}", Ct);
        var fired = Assert.Single(unpriced);
        Assert.Equal(("triggered", 1m), (fired.GetProperty("kind").GetString(), fired.GetProperty("value").GetDecimal()));
        Assert.NotNull(Assert.Single(fired.GetProperty("examples").EnumerateArray()).GetProperty("charge_id").GetString());
        Assert.Single(await PagedList.AllAsync(admin, $"/v1/alerts/evidence-incomplete/history?tenant={tenant}", Ct));

        // The operator console's alerts page lists both as open, and their firings.
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/console/tenants/{tenant}/alerts"))
        {
            request.Headers.Accept.ParseAdd("text/html");
            using var page = await admin.SendAsync(request, Ct);
            var html = await page.Content.ReadAsStringAsync(Ct);
            Assert.True(page.StatusCode == HttpStatusCode.OK, html);
            Assert.Equal(2, CountOf(html, "<span class=\"status firing\">firing</span>"));
            Assert.Equal(2, CountOf(html, "<span class=\"status triggered\">triggered</span>"));
            Assert.Contains(">unpriced-charges<", html, StringComparison.Ordinal);
            Assert.Contains(">evidence-incomplete<", html, StringComparison.Ordinal);
        }

        using (var entry = await admin.GetAsync("/console", Ct))
        {
            Assert.Equal("/v1/console", entry.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // Turned off for one tenant, a built-in judges nothing for it and still fires for the others.
        var quiet = await SandboxAsync(admin, contract: false);
        var loud = await SandboxAsync(admin, contract: false);
        var own = await PutRuleAsync(admin, "unpriced-charges",
            $$$"""{"metric":"unpriced_charges","scope":{"tenant":"{{{quiet}}}"},"condition":{"above":0},"min_volume":1,"enabled":false}""", HttpStatusCode.Created);
        Assert.Equal((quiet, false), (own.GetProperty("scope").GetProperty("tenant").GetString(), own.GetProperty("enabled").GetBoolean()));
        foreach (var t in new[] { quiet, loud })
        {
            await SandboxCalls.AdvanceAsync(admin, t, "2026-10-01T03:00:00Z");
            await SendAsync(admin, [Event(t, "U-2", "created", "ticket.created", new DateTime(2026, 10, 1, 1, 0, 0, DateTimeKind.Utc), "1.0"),
                Event(t, "U-2", "closed", "ticket.closed", new DateTime(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc), "1.0")]);
            await SandboxCalls.AdvanceAsync(admin, t, "2026-10-03T02:00:00Z");
            Assert.Single(await PagedList.AllAsync(admin, $"/v1/alerts/evidence-incomplete/history?tenant={t}", Ct));
        }

        Assert.Empty(await PagedList.AllAsync(admin, $"/v1/alerts/unpriced-charges/history?tenant={quiet}", Ct));
        Assert.Single(await PagedList.AllAsync(admin, $"/v1/alerts/unpriced-charges/history?tenant={loud}", Ct));
        Assert.True((await GetJsonAsync(admin, "/v1/alerts/unpriced-charges")).GetProperty("enabled").GetBoolean());
        Assert.False((await GetJsonAsync(admin, $"/v1/alerts/unpriced-charges?tenant={quiet}")).GetProperty("enabled").GetBoolean());

        // Turned off for every tenant, then on again; the built-in itself cannot be deleted, a tenant's version can.
        await PutRuleAsync(admin, "unpriced-charges", """{"metric":"unpriced_charges","condition":{"above":0},"min_volume":1,"enabled":false}""", HttpStatusCode.Created);
        Assert.False((await GetJsonAsync(admin, $"/v1/alerts/unpriced-charges?tenant={loud}")).GetProperty("enabled").GetBoolean());
        await PutRuleAsync(admin, "unpriced-charges", """{"metric":"unpriced_charges","condition":{"above":0},"min_volume":1}""", HttpStatusCode.OK);
        using (var delete = await admin.DeleteAsync("/v1/alerts/unpriced-charges", Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        }

        using (var deleteOwn = await admin.DeleteAsync($"/v1/alerts/unpriced-charges?tenant={quiet}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, deleteOwn.StatusCode);
        }

        Assert.True((await GetJsonAsync(admin, $"/v1/alerts/unpriced-charges?tenant={quiet}")).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task min_amount_lets_a_series_fire_only_once_its_day_charged_that_much_in_one_currency()
    {
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, contract: true);
        // Two charges of 2.00 USD on 2026-10-01, both without trace ids: evidence incomplete, 4.00 charged.
        foreach (var (rule, amount) in new[] { ("enough", "4.00"), ("too-much", "4.01") })
        {
            await PutRuleAsync(admin, $"{rule}-{tenant}", $$$"""
                {"metric":"evidence_incomplete","scope":{"tenant":"{{{tenant}}}"},"condition":{"above":0},"min_volume":1,"min_amount":"{{{amount}}}"}
                """, HttpStatusCode.Created);
        }

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-10-01T03:00:00Z");
        var events = new List<string>();
        foreach (var ticket in new[] { "M-1", "M-2" })
        {
            events.Add(Event(tenant, ticket, "created", "ticket.created", new DateTime(2026, 10, 1, 1, 0, 0, DateTimeKind.Utc), "1.0"));
            events.Add(Event(tenant, ticket, "closed", "ticket.closed", new DateTime(2026, 10, 1, 2, 0, 0, DateTimeKind.Utc), "1.0"));
        }

        await SendAsync(admin, events);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-10-03T02:00:00Z");

        var fired = Assert.Single(await PagedList.AllAsync(admin, $"/v1/alerts/enough-{tenant}/history", Ct));
        Assert.Equal((2m, 2L), (fired.GetProperty("value").GetDecimal(), fired.GetProperty("volume").GetInt64()));
        Assert.Equal("4.00", fired.GetProperty("rule").GetProperty("min_amount").GetString());
        Assert.Empty(await PagedList.AllAsync(admin, $"/v1/alerts/too-much-{tenant}/history", Ct));
    }

    [Theory]
    [InlineData("""{"condition":{"above":0},"min_volume":1}""", "metric")]
    [InlineData("""{"metric":"happiness","condition":{"above":0},"min_volume":1}""", "metric")]
    [InlineData("""{"metric":"conversion_rate","min_volume":1}""", "condition")]
    [InlineData("""{"metric":"conversion_rate","condition":{"above":0.5,"below":0.1},"min_volume":1}""", "condition")]
    [InlineData("""{"metric":"conversion_rate","condition":{"above":0.5}}""", "min_volume")]
    [InlineData("""{"metric":"conversion_rate","condition":{"deviation":{"baseline":"3d"}},"min_volume":1}""", "condition.deviation.baseline")]
    [InlineData("""{"metric":"conversion_rate","condition":{"deviation":{"seasonality":"monthly"}},"min_volume":1}""", "condition.deviation.seasonality")]
    [InlineData("""{"metric":"conversion_rate","condition":{"deviation":{"k":0}},"min_volume":1}""", "condition.deviation.k")]
    [InlineData("""{"metric":"conversion_rate","condition":{"above":0.5},"min_volume":1,"by":"colour"}""", "by")]
    [InlineData("""{"metric":"conversion_rate","condition":{"above":0.5},"min_volume":1,"evaluate_after":"soon"}""", "evaluate_after")]
    [InlineData("""{"metric":"conversion_rate","condition":{"above":0.5},"min_volume":1,"min_amount":"-1"}""", "min_amount")]
    [InlineData("""{"metric":"settlement_backlog","condition":{"deviation":{}},"min_volume":0}""", "condition.deviation")]
    [InlineData("""{"metric":"settlement_backlog","condition":{"above":0},"min_volume":0,"by":"agent"}""", "by")]
    [InlineData("""{"metric":"conversion_rate","condition":{"above":0.5},"min_volume":1,"scope":{"tenant":"no-such-tenant"}}""", "scope.tenant")]
    public async Task a_bad_rule_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var admin = silo.Client();
        using var response = await admin.PutAsync("/v1/alerts/bad-rule", KeysApiTests.Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("path").GetString() == field && e.GetProperty("hint").GetString()!.Length > 0);
        using var missing = await admin.GetAsync("/v1/alerts/bad-rule", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task a_tenant_key_manages_its_own_rules_reads_the_shared_ones_and_never_sees_another_tenants()
    {
        using var admin = silo.Client();
        var mine = await SandboxAsync(admin, contract: false);
        var theirs = await SandboxAsync(admin, contract: false);
        await PutRuleAsync(admin, $"theirs-{theirs}", $$"""{"metric":"disputes","scope":{"tenant":"{{theirs}}"},"condition":{"above":5},"min_volume":1}""", HttpStatusCode.Created);
        using var key = silo.Client();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SandboxCalls.KeyAsync(admin, "admin", mine));

        // Left out, the scope tenant is the key's own.
        var created = await PutRuleAsync(key, $"mine-{mine}", """{"metric":"void_rate","condition":{"above":0.2},"min_volume":10}""", HttpStatusCode.Created);
        Assert.Equal(mine, created.GetProperty("scope").GetProperty("tenant").GetString());
        var visible = (await PagedList.AllAsync(key, "/v1/alerts", Ct)).Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains($"mine-{mine}", visible);
        Assert.Contains("unpriced-charges", visible);
        Assert.DoesNotContain($"theirs-{theirs}", visible);

        using (var other = await key.GetAsync($"/v1/alerts/theirs-{theirs}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        // A built-in's name from a tenant key is its tenant's own version of it; the other tenants keep the built-in.
        var builtin = await PutRuleAsync(key, "unpriced-charges", """{"metric":"unpriced_charges","condition":{"above":0},"min_volume":1,"enabled":false}""", HttpStatusCode.Created);
        Assert.Equal(mine, builtin.GetProperty("scope").GetProperty("tenant").GetString());
        Assert.False((await GetJsonAsync(key, "/v1/alerts/unpriced-charges")).GetProperty("enabled").GetBoolean());
        Assert.True((await GetJsonAsync(admin, $"/v1/alerts/unpriced-charges?tenant={theirs}")).GetProperty("enabled").GetBoolean());
        using (var back = await key.DeleteAsync("/v1/alerts/unpriced-charges", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        Assert.True((await GetJsonAsync(key, "/v1/alerts/unpriced-charges")).GetProperty("enabled").GetBoolean());
        using (var list = await key.GetAsync($"/v1/alerts?tenant={theirs}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }

        using (var foreign = await key.PutAsync("/v1/alerts/x-foreign", KeysApiTests.Json($$"""{"metric":"void_rate","scope":{"tenant":"{{theirs}}"},"condition":{"above":0.2},"min_volume":10}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        }

        using (var history = await key.GetAsync($"/v1/alerts/unpriced-charges/history?tenant={theirs}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        }

        using var deleted = await key.DeleteAsync($"/v1/alerts/mine-{mine}", Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await key.GetAsync($"/v1/alerts/mine-{mine}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        using var read = silo.Client();
        read.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SandboxCalls.KeyAsync(admin, "read", mine));
        using var refused = await read.GetAsync("/v1/alerts", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static List<string> DayOfTickets(string tenant, int day)
    {
        var events = new List<string>();
        foreach (var version in new[] { "1.0", "2.0" })
        {
            var closed = version == "2.0" && day is >= 18 and <= 20 ? 2 : 6;
            for (var n = 0; n < 6; n++)
            {
                var id = $"{version}-{day}-{n}";
                var at = Start.AddDays(day).ToDateTime(new TimeOnly(1, n), DateTimeKind.Utc);
                events.Add(Event(tenant, id, "created", "ticket.created", at, version));
                if (n < closed)
                {
                    events.Add(Event(tenant, id, "closed", "ticket.closed", at.AddHours(1), version));
                }
            }
        }

        return events;
    }

    private static string Event(string tenant, string ticket, string key, string type, DateTime at, string version) => $$$"""
        {"tenant_id":"{{{tenant}}}","type":"{{{type}}}","timestamp":"{{{at:yyyy-MM-ddTHH:mm:ssZ}}}","idempotency_key":"{{{ticket}}}-{{{key}}}",
         "agent":{"id":"support-bot","version":"{{{version}}}"},"properties":{"ticket_id":"{{{ticket}}}"}}
        """;

    private static async Task<JsonElement> PutRuleAsync(HttpClient client, string name, string body, HttpStatusCode expected)
    {
        using var response = await client.PutAsync($"/v1/alerts/{name}", KeysApiTests.Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"PUT {name}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task SendAsync(HttpClient admin, IReadOnlyList<string> events) =>
        Assert.All(await SandboxCalls.SendAsync(admin, events), status => Assert.Equal("accepted", status));

    private static async Task<string> SandboxAsync(HttpClient admin, bool contract)
    {
        var tenant = $"alert-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Alerts","sandbox":true,"clock_start":"2026-10-01T00:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/outcomes/{Definition}", new StringContent(DefinitionYaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        if (contract)
        {
            var yaml = $"""
                tenant: {tenant}
                currency: USD
                billing_period:
                  every: month
                  anchor_day: 1
                  timezone: UTC
                prices:
                  {Definition}:
                    unit_price: 2.00
                effective_from: 2026-01-01
                """;
            (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        }

        return tenant;
    }
}
