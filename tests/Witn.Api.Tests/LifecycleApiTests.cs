using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>The outcome, review, clock and ledger routes: answers, problems and tenant isolation over real HTTP.</summary>
public sealed class LifecycleApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_settled_ticket_shows_its_charge_evidence_as_json_and_html_and_its_outcome_with_transitions()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "T-1");
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z", HttpStatusCode.OK);

        var charge = Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/charges"));
        Assert.Equal("2.00", charge.GetProperty("amount").GetString());
        Assert.Equal("USD", charge.GetProperty("currency").GetString());
        Assert.False(charge.GetProperty("unpriced").GetBoolean());
        Assert.Equal("support-bot", charge.GetProperty("agent").GetProperty("id").GetString());
        var id = charge.GetProperty("id").GetString();
        Assert.Equal(
            "ticket_resolved for T-1: ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1; no human.handoff; not reopened within the 72 h window that closed 2026-11-05 09:30.",
            charge.GetProperty("summary").GetString());

        var evidence = await admin.GetFromJsonAsync<JsonElement>($"/v1/charges/{id}/evidence", Ct);
        Assert.Equal(1, evidence.GetProperty("events").GetArrayLength()); // ticket_resolved does not listen to ticket.created
        Assert.True(evidence.GetProperty("events")[0].GetProperty("received_at").ValueKind == JsonValueKind.String);
        Assert.Contains("ticket.reopened", evidence.GetProperty("definition_source").GetString(), StringComparison.Ordinal);

        using var html = new HttpRequestMessage(HttpMethod.Get, $"/v1/charges/{id}/evidence");
        html.Headers.Accept.ParseAdd("text/html");
        using var page = await admin.SendAsync(html, Ct);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("T-1", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var outcome = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/outcomes/ticket_resolved/T-1", Ct);
        Assert.Equal("settled", outcome.GetProperty("status").GetString());
        Assert.Equal(id, outcome.GetProperty("charge_id").GetString());
        Assert.Equal(["opened", "qualified", "settled"], outcome.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("state").GetString()).ToArray());
    }

    [Fact]
    public async Task a_handoff_stamped_before_the_close_that_arrives_after_the_charge_credits_it()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "T-1");
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z", HttpStatusCode.OK);
        var charge = Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/charges"));
        Assert.Equal(1, charge.GetProperty("sequence").GetInt32());

        // In event time a human took the ticket over before the agent closed it: it never qualified.
        using var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$$"""
            {"events":[{"tenant_id":"{{{tenant}}}","type":"human.handoff","timestamp":"2026-11-02T09:15:00Z","idempotency_key":"T-1-h","properties":{"ticket_id":"T-1"}}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await Eventually.HoldsAsync(async () => (await ListAsync(admin, $"/v1/tenants/{tenant}/credits")).Count == 1, TimeSpan.FromSeconds(30), "the charge credited");

        var credit = Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/credits"));
        Assert.Equal(charge.GetProperty("id").GetString(), credit.GetProperty("charge_id").GetString());
        Assert.Equal("-2.00", credit.GetProperty("amount").GetString());
        Assert.StartsWith("disqualified: ", credit.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/charges")); // the charge stays; nothing is deleted

        var outcome = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/outcomes/ticket_resolved/T-1", Ct);
        Assert.Equal("open", outcome.GetProperty("status").GetString());
        Assert.Equal(credit.GetProperty("id").GetString(), outcome.GetProperty("credit_id").GetString());
        var held = Assert.Single(outcome.GetProperty("charges").EnumerateArray().ToList());
        Assert.Equal(credit.GetProperty("id").GetString(), held.GetProperty("credit_id").GetString());

        // Advancing further changes nothing: no second credit, no new charge.
        await AdvanceAsync(admin, tenant, "2026-12-10T00:00:00Z", HttpStatusCode.OK);
        Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/credits"));
        Assert.Single(await ListAsync(admin, $"/v1/tenants/{tenant}/charges"));
    }

    [Fact]
    public async Task a_correlation_value_with_slashes_is_readable_by_its_path()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "EU/T-7");
        await Eventually.HoldsAsync(async () => (await admin.GetAsync($"/v1/tenants/{tenant}/outcomes/ticket_resolved/EU/T-7", Ct)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the outcome readable");
        var outcome = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/outcomes/ticket_resolved/EU/T-7", Ct);
        Assert.Equal("EU/T-7", outcome.GetProperty("correlation").GetString());
        Assert.Equal("qualified", outcome.GetProperty("status").GetString());
    }

    [Fact]
    public async Task outcomes_filter_by_state_and_page_with_after()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "T-1", "T-2", "T-3");
        await Eventually.HoldsAsync(async () => (await ListAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=qualified")).Count == 3, TimeSpan.FromSeconds(30), "three qualified");

        var first = await ListAsync(admin, $"/v1/tenants/{tenant}/outcomes?limit=2");
        Assert.Equal(["T-1", "T-2"], first.Select(o => o.GetProperty("correlation").GetString()).ToArray());
        var next = await ListAsync(admin, $"/v1/tenants/{tenant}/outcomes?limit=2&after=ticket_resolved/T-2");
        Assert.Equal("T-3", Assert.Single(next).GetProperty("correlation").GetString());
        Assert.Empty(await ListAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=settled"));

        using var bad = await admin.GetAsync($"/v1/tenants/{tenant}/outcomes?state=done", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("in_review", (await KeysApiTests.ProblemAsync(bad)).GetProperty("errors")[0].GetProperty("hint").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task charges_page_with_limit_and_after_and_a_bad_page_is_a_problem_naming_the_parameter()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "T-1", "T-2", "T-3");
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z", HttpStatusCode.OK);
        var all = await ListAsync(admin, $"/v1/tenants/{tenant}/charges");
        Assert.Equal(3, all.Count);

        var first = await ListAsync(admin, $"/v1/tenants/{tenant}/charges?limit=2");
        var rest = await ListAsync(admin, $"/v1/tenants/{tenant}/charges?limit=2&after={first[^1].GetProperty("id").GetString()}");
        Assert.Equal(all.Select(Id), first.Concat(rest).Select(Id));
        Assert.Equal(2, first.Count);
        Assert.Empty(await ListAsync(admin, $"/v1/tenants/{tenant}/charges?after={all[^1].GetProperty("id").GetString()}"));
        Assert.Empty(await ListAsync(admin, $"/v1/tenants/{tenant}/credits?limit=1000"));

        foreach (var (query, hint) in new[]
        {
            ("charges?limit=0", "use 1 to 1000"),
            ("charges?limit=1001", "use 1 to 1000"),
            ("charges?after=nope", "pass the next_after of the previous page"),
            ($"charges?after={Guid.NewGuid()}", "leave 'after' out for the first page"),
            ("credits?limit=5000", "use 1 to 1000"),
            ($"credits?after={all[0].GetProperty("id").GetString()}", "leave 'after' out for the first page"),
        })
        {
            using var bad = await admin.GetAsync($"/v1/tenants/{tenant}/{query}", Ct);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var error = (await KeysApiTests.ProblemAsync(bad)).GetProperty("errors")[0];
            Assert.Equal(query.Contains("limit", StringComparison.Ordinal) ? "limit" : "after", error.GetProperty("path").GetString());
            Assert.Contains(hint, error.GetProperty("hint").GetString(), StringComparison.Ordinal);
        }

        static string? Id(JsonElement charge) => charge.GetProperty("id").GetString();
    }

    [Fact]
    public async Task the_clock_refuses_going_back_live_tenants_and_unknown_tenants_with_problems()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin);
        await AdvanceAsync(admin, tenant, "2026-11-03T00:00:00Z", HttpStatusCode.OK);
        await AdvanceAsync(admin, tenant, "2026-11-02T12:00:00Z", HttpStatusCode.BadRequest);
        await AdvanceAsync(admin, tenant, "2026-11-03T00:00:00Z", HttpStatusCode.OK);

        var live = $"live-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{live}", KeysApiTests.Json("""{"name":"Live"}"""), Ct)).EnsureSuccessStatusCode();
        await AdvanceAsync(admin, live, "2026-11-03T00:00:00Z", HttpStatusCode.Conflict);
        await AdvanceAsync(admin, "nobody-here", "2026-11-03T00:00:00Z", HttpStatusCode.NotFound);

        using var missing = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("to", (await KeysApiTests.ProblemAsync(missing)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_decision_on_an_outcome_not_in_review_is_409_and_a_bad_decision_is_400()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "T-1");
        await Eventually.HoldsAsync(async () => (await ListAsync(admin, $"/v1/tenants/{tenant}/outcomes?state=qualified")).Count == 1, TimeSpan.FromSeconds(30), "qualified");

        using var notInReview = await admin.PostAsync($"/v1/tenants/{tenant}/reviews/ticket_resolved/T-1", KeysApiTests.Json("""{"decision":"approve"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, notInReview.StatusCode);
        using var bad = await admin.PostAsync($"/v1/tenants/{tenant}/reviews/ticket_resolved/T-1", KeysApiTests.Json("""{"decision":"maybe"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("decision", (await KeysApiTests.ProblemAsync(bad)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_key_restricted_to_another_tenant_sees_none_of_the_outcomes_charges_or_evidence()
    {
        using var admin = silo.Client();
        var tenant = await SandboxWithTicketAsync(admin, "T-1");
        await AdvanceAsync(admin, tenant, "2026-11-05T09:41:00Z", HttpStatusCode.OK);
        var id = (await ListAsync(admin, $"/v1/tenants/{tenant}/charges"))[0].GetProperty("id").GetString();

        (await admin.PutAsync("/v1/tenants/someone-else", KeysApiTests.Json("""{"name":"Someone else"}"""), Ct)).EnsureSuccessStatusCode();
        using var keyResponse = await admin.PostAsync("/v1/keys", KeysApiTests.Json("""{"name":"other","scopes":["admin"],"tenant_id":"someone-else"}"""), Ct);
        using var other = silo.Client((await keyResponse.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString());
        foreach (var path in new[]
        {
            $"/v1/tenants/{tenant}/charges", $"/v1/tenants/{tenant}/credits", $"/v1/charges/{id}", $"/v1/charges/{id}/evidence",
            $"/v1/tenants/{tenant}/outcomes", $"/v1/tenants/{tenant}/outcomes/ticket_resolved/T-1", $"/v1/reviews?tenant={tenant}",
        })
        {
            using var response = await other.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }

        using var advance = await other.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json("""{"to":"2026-11-06T00:00:00Z"}"""), Ct);
        Assert.Equal(HttpStatusCode.NotFound, advance.StatusCode);
    }

    private async Task<string> SandboxWithTicketAsync(HttpClient admin, params string[] tickets)
    {
        var tenant = $"life-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Life","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        var contract = (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct)).Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal);
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        foreach (var ticket in tickets)
        {
            using var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$$"""
                {"events":[
                  {"tenant_id":"{{{tenant}}}","type":"ticket.created","timestamp":"2026-11-02T09:00:00Z","idempotency_key":"{{{ticket}}}-c","properties":{"ticket_id":"{{{ticket}}}"}},
                  {"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","idempotency_key":"{{{ticket}}}-x","agent":{"id":"support-bot","version":"3.1"},"properties":{"ticket_id":"{{{ticket}}}","resolution":"solved"}}
                ]}
                """), Ct);
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        return tenant;
    }

    private static async Task AdvanceAsync(HttpClient client, string tenant, string to, HttpStatusCode expected)
    {
        using var response = await client.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json($$"""{"to":"{{to}}"}"""), Ct);
        Assert.True(response.StatusCode == expected, $"advance to {to}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string path) =>
        await PagedList.PageAsync(client, path, Ct);
}
