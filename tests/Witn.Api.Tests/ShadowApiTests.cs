using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// Shadow billing over real HTTP on sandbox tenants: shadow contract versions, the live comparison, and promotion
/// of a shadow contract or a shadow definition at a period boundary. Each test has its own definitions listening to
/// its own event types, so nothing another test publishes routes its tenant's events.
/// </summary>
public sealed class ShadowApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_shadow_put_stores_a_shadow_version_and_never_changes_live_versions_charges_or_invoices()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin);
        await SendAsync(admin, s, s.Ticket, "T-1", "2026-11-02T09:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");
        var invoiceBefore = await InvoiceTotalAsync(admin, s.Tenant, "2026-11-01");

        using var put = await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00"), "?mode=shadow");
        var shadow = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/contract?mode=shadow", Ct);
        await SendAsync(admin, s, s.Ticket, "T-2", "2026-11-02T11:50:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T15:00:00Z");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/v1/tenants/{s.Tenant}/contract?mode=shadow", put.Headers.Location?.ToString());
        Assert.Equal(1, shadow.GetProperty("version").GetInt32());
        Assert.Equal(3.00m, shadow.GetProperty("contract").GetProperty("prices").GetProperty(s.Ticket).GetProperty("unit_price").GetDecimal());
        var live = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/contract", Ct);
        Assert.Equal(1, live.GetProperty("version").GetInt32());
        Assert.Single(await PagedList.AllAsync(admin, $"/v1/tenants/{s.Tenant}/contract/versions", Ct));
        var charges = await PagedList.AllAsync(admin, $"/v1/tenants/{s.Tenant}/charges", Ct);
        Assert.Equal(2, charges.Count);
        Assert.All(charges, c =>
        {
            Assert.Equal(1, c.GetProperty("contract_version").GetInt32());
            Assert.Equal("2.00", c.GetProperty("amount").GetString());
        });
        Assert.Equal("2.00", invoiceBefore);
        Assert.Equal("4.00", await InvoiceTotalAsync(admin, s.Tenant, "2026-11-01"));
    }

    [Fact]
    public async Task a_shadow_put_follows_the_live_rules_and_a_new_one_replaces_the_current_shadow_version()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin);

        using var euro = await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00").Replace("currency: USD", "currency: EUR", StringComparison.Ordinal), "?mode=shadow", ensure: false);
        using var badMode = await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00"), "?mode=dry", ensure: false);
        using var none = await admin.GetAsync($"/v1/tenants/{s.Tenant}/contract?mode=shadow", Ct);
        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00"), "?mode=shadow")).Dispose();
        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "4.00"), "?mode=shadow")).Dispose();
        var current = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/contract?mode=shadow", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, euro.StatusCode);
        Assert.Equal("currency", (await KeysApiTests.ProblemAsync(euro)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Equal("mode", (await KeysApiTests.ProblemAsync(badMode)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal(4.00m, current.GetProperty("contract").GetProperty("prices").GetProperty(s.Ticket).GetProperty("unit_price").GetDecimal());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/contract", Ct)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task the_comparison_prices_the_periods_charges_by_the_shadow_version_and_adds_the_shadow_definitions_outcomes()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin, shadowLead: true);
        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00", lead: "5.00"), "?mode=shadow")).Dispose();
        foreach (var id in new[] { "T-1", "T-2", "T-3" })
        {
            await SendAsync(admin, s, s.Ticket, id, "2026-11-02T09:30:00Z");
        }

        await SendAsync(admin, s, s.Lead, "L-1", "2026-11-02T09:40:00Z");
        await SendAsync(admin, s, s.Lead, "L-2", "2026-11-02T09:45:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");

        var c = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/shadow?period=2026-11-01", Ct);

        Assert.Equal("2026-11-01", c.GetProperty("period_start").GetString());
        Assert.Equal("USD", c.GetProperty("currency").GetString());
        Assert.Equal(1, c.GetProperty("live_contract_version").GetInt32());
        Assert.Equal(1, c.GetProperty("shadow_contract_version").GetInt32());
        var outcomes = c.GetProperty("outcomes").EnumerateArray().ToDictionary(o => o.GetProperty("outcome").GetString()!);
        Assert.Equal(2, outcomes.Count);
        var ticket = outcomes[s.Ticket];
        Assert.False(ticket.GetProperty("shadow_definition").GetBoolean());
        Assert.Equal((3, "6.00"), Side(ticket.GetProperty("live")));
        Assert.Equal((3, "9.00"), Side(ticket.GetProperty("shadow")));
        Assert.Equal("3.00", ticket.GetProperty("delta").GetProperty("amount").GetString());
        Assert.Equal(50m, ticket.GetProperty("delta").GetProperty("percent").GetDecimal());
        var lead = outcomes[s.Lead];
        Assert.True(lead.GetProperty("shadow_definition").GetBoolean());
        Assert.Equal((0, "0.00"), Side(lead.GetProperty("live")));
        Assert.Equal((2, "10.00"), Side(lead.GetProperty("shadow")));
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("delta").GetProperty("percent").ValueKind);
        Assert.Equal("6.00", c.GetProperty("live_total").GetString());
        Assert.Equal("19.00", c.GetProperty("shadow_total").GetString());
        Assert.Equal("13.00", c.GetProperty("delta").GetProperty("amount").GetString());
        Assert.Equal(216.67m, c.GetProperty("delta").GetProperty("percent").GetDecimal());
        Assert.Equal(5, c.GetProperty("flip_count").GetInt32());
        var flips = c.GetProperty("flips").EnumerateArray().ToList();
        var chargeIds = (await PagedList.AllAsync(admin, $"/v1/tenants/{s.Tenant}/charges", Ct)).Select(x => x.GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(chargeIds, flips.Where(f => f.GetProperty("outcome").GetString() == s.Ticket).Select(f => f.GetProperty("charge_id").GetString()).Order(StringComparer.Ordinal));
        Assert.All(flips.Where(f => f.GetProperty("outcome").GetString() == s.Ticket), f =>
        {
            Assert.Equal("2.00", f.GetProperty("before").GetProperty("amount").GetString());
            Assert.Equal("3.00", f.GetProperty("after").GetProperty("amount").GetString());
        });
        var leadFlips = flips.Where(f => f.GetProperty("outcome").GetString() == s.Lead).ToList();
        Assert.Equal(["L-1", "L-2"], leadFlips.Select(f => f.GetProperty("correlation").GetString()).Order(StringComparer.Ordinal));
        Assert.All(leadFlips, f =>
        {
            Assert.Equal(JsonValueKind.Null, f.GetProperty("charge_id").ValueKind);
            Assert.False(f.GetProperty("before").GetProperty("billed").GetBoolean());
            Assert.True(f.GetProperty("after").GetProperty("billed").GetBoolean());
            Assert.Equal("5.00", f.GetProperty("after").GetProperty("amount").GetString());
        });
        // The live side is the invoice: shadow changed nothing there.
        Assert.Equal("6.00", await InvoiceTotalAsync(admin, s.Tenant, "2026-11-01"));
    }

    [Fact]
    public async Task the_comparison_shows_an_outcome_settled_a_moment_ago_within_a_second()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin);
        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00"), "?mode=shadow")).Dispose();
        await SendAsync(admin, s, s.Ticket, "T-1", "2026-11-02T09:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");
        Assert.Equal((1, "3.00"), Side(await TicketShadowAsync(admin, s)));

        await SendAsync(admin, s, s.Ticket, "T-2", "2026-11-02T11:55:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T14:00:00Z");
        var settled = Stopwatch.StartNew();
        var seen = (0L, "");
        while (settled.Elapsed < TimeSpan.FromSeconds(1) && (seen = Side(await TicketShadowAsync(admin, s))).Item1 < 2)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(seen == (2, "6.00"), $"after {settled.ElapsedMilliseconds} ms the comparison still shows {seen}");
    }

    [Fact]
    public async Task the_comparison_without_a_shadow_version_prices_live_and_names_its_problems()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin);
        var noContract = $"shd-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{noContract}", KeysApiTests.Json("""{"name":"Shadow","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        await SendAsync(admin, s, s.Ticket, "T-1", "2026-11-02T09:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");

        var current = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/shadow", Ct);
        using var notStart = await admin.GetAsync($"/v1/tenants/{s.Tenant}/shadow?period=2026-11-02", Ct);
        using var none = await admin.GetAsync($"/v1/tenants/{noContract}/shadow", Ct);

        Assert.Equal("2026-11-01", current.GetProperty("period_start").GetString());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("shadow_contract_version").ValueKind);
        Assert.Equal("2.00", current.GetProperty("shadow_total").GetString());
        Assert.Equal(0m, current.GetProperty("delta").GetProperty("percent").GetDecimal());
        Assert.Equal(0, current.GetProperty("flip_count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, notStart.StatusCode);
        Assert.Equal("period", (await KeysApiTests.ProblemAsync(notStart)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.EndsWith("no-contract", (await KeysApiTests.ProblemAsync(none)).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_contract_promotion_is_refused_off_a_boundary_before_the_current_period_and_over_the_threshold_unless_forced()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin);
        await SendAsync(admin, s, s.Ticket, "T-1", "2026-11-02T09:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");
        using var nothing = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-12-01T00:00:00Z"}""");
        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00"), "?mode=shadow")).Dispose();

        using var offBoundary = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-11-15T00:00:00Z"}""");
        using var past = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-10-01T00:00:00Z"}""");
        using var tooLate = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-11-01T00:00:00Z"}""");
        using var deviates = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-12-01T00:00:00Z","max_delta_percent":10}""");
        var versionsAfterRefusals = (await PagedList.AllAsync(admin, $"/v1/tenants/{s.Tenant}/contract/versions", Ct)).Count;
        using var forced = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-12-01T00:00:00Z","max_delta_percent":10,"force":true}""");
        using var shadowAfter = await admin.GetAsync($"/v1/tenants/{s.Tenant}/contract?mode=shadow", Ct);

        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
        Assert.EndsWith("nothing-in-shadow", (await KeysApiTests.ProblemAsync(nothing)).GetProperty("type").GetString(), StringComparison.Ordinal);
        foreach (var refused in new[] { offBoundary, past })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("at", (await KeysApiTests.ProblemAsync(refused)).GetProperty("errors")[0].GetProperty("path").GetString());
        }

        // T-1 started after 2026-11-01 and is charged at 2.00 already: a boundary there would not hold for it.
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.EndsWith("promotion-too-late", (await KeysApiTests.ProblemAsync(tooLate)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, deviates.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(deviates);
        Assert.EndsWith("promotion-deviates", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var deviation = problem.GetProperty("deviation");
        Assert.Equal("2.00", deviation.GetProperty("live").GetString());
        Assert.Equal("3.00", deviation.GetProperty("shadow").GetString());
        Assert.Equal(50m, deviation.GetProperty("delta").GetProperty("percent").GetDecimal());
        Assert.Equal(1, versionsAfterRefusals);

        Assert.Equal(HttpStatusCode.Created, forced.StatusCode);
        var promoted = await forced.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, promoted.GetProperty("version").GetInt32());
        Assert.Equal($"/v1/tenants/{s.Tenant}/contract/versions/2", forced.Headers.Location?.ToString());
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), promoted.GetProperty("effective_from").GetDateTimeOffset());
        Assert.Equal(3.00m, promoted.GetProperty("contract").GetProperty("prices").GetProperty(s.Ticket).GetProperty("unit_price").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, shadowAfter.StatusCode);
    }

    [Fact]
    public async Task after_a_contract_promotion_outcomes_that_start_at_the_boundary_use_the_new_version_and_earlier_ones_the_old_each_charged_once()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin);
        await SendAsync(admin, s, s.Ticket, "T-early", "2026-11-02T09:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");
        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "3.00"), "?mode=shadow")).Dispose();
        using var promoted = await PromoteAsync(admin, $"/v1/tenants/{s.Tenant}/contract/promote", """{"at":"2026-12-01T00:00:00Z","max_delta_percent":100}""");
        Assert.Equal(HttpStatusCode.Created, promoted.StatusCode);

        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-12-01T02:00:00Z");
        await SendAsync(admin, s, s.Ticket, "T-before", "2026-11-30T23:30:00Z");
        await SendAsync(admin, s, s.Ticket, "T-at", "2026-12-01T00:00:00Z");
        await SendAsync(admin, s, s.Ticket, "T-after", "2026-12-01T00:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-12-01T04:00:00Z");

        var charges = (await PagedList.AllAsync(admin, $"/v1/tenants/{s.Tenant}/charges", Ct)).ToDictionary(c => c.GetProperty("correlation").GetString()!);
        Assert.Equal(["T-after", "T-at", "T-before", "T-early"], charges.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, "2.00"), Terms(charges["T-early"]));
        Assert.Equal((1, "2.00"), Terms(charges["T-before"]));
        Assert.Equal((2, "3.00"), Terms(charges["T-at"]));
        Assert.Equal((2, "3.00"), Terms(charges["T-after"]));
        // T-before settles in December: its period is December's, at the old price.
        Assert.Equal("2.00", await InvoiceTotalAsync(admin, s.Tenant, "2026-11-01"));
        Assert.Equal("8.00", await InvoiceTotalAsync(admin, s.Tenant, "2026-12-01"));
        // Replayed across the boundary, the history gives back exactly these charges: none missing, none twice.
        await SandboxCalls.AssertParityAsync(admin, s.Tenant);
    }

    [Fact]
    public async Task a_definition_promotion_bills_outcomes_that_start_at_or_after_the_boundary_and_never_earlier_ones()
    {
        using var admin = silo.Client();
        var s = await ScenarioAsync(admin, shadowLead: true);
        await SendAsync(admin, s, s.Lead, "L-shadow", "2026-11-02T09:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-11-02T12:00:00Z");
        var before = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/shadow", Ct);
        var lead = before.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == s.Lead);

        using var active = await PromoteAsync(admin, $"/v1/outcomes/{s.Ticket}/promote", """{"at":"2026-12-01T00:00:00Z"}""");
        using var offBoundary = await PromoteAsync(admin, $"/v1/outcomes/{s.Lead}/promote", """{"at":"2026-12-02T00:00:00Z"}""");
        using var tooLate = await PromoteAsync(admin, $"/v1/outcomes/{s.Lead}/promote", """{"at":"2026-11-01T00:00:00Z"}""");
        using var deviates = await PromoteAsync(admin, $"/v1/outcomes/{s.Lead}/promote", """{"at":"2026-12-01T00:00:00Z","max_delta_percent":10}""");
        using var forced = await PromoteAsync(admin, $"/v1/outcomes/{s.Lead}/promote", """{"at":"2026-12-01T00:00:00Z","max_delta_percent":10,"force":true}""");
        await SendAsync(admin, s, s.Lead, "L-before", "2026-11-02T11:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-12-01T02:00:00Z");
        await SendAsync(admin, s, s.Lead, "L-after", "2026-12-01T00:30:00Z");
        await SandboxCalls.AdvanceAsync(admin, s.Tenant, "2026-12-01T04:00:00Z");

        Assert.Equal((1, "5.00"), Side(lead.GetProperty("shadow")));
        Assert.Equal(HttpStatusCode.Conflict, active.StatusCode);
        Assert.EndsWith("nothing-in-shadow", (await KeysApiTests.ProblemAsync(active)).GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, offBoundary.StatusCode);
        Assert.Equal("at", (await KeysApiTests.ProblemAsync(offBoundary)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
        Assert.EndsWith("promotion-too-late", (await KeysApiTests.ProblemAsync(tooLate)).GetProperty("type").GetString(), StringComparison.Ordinal);
        // Nothing is billed live yet, so 5.00 more is no finite percentage: beyond any threshold.
        Assert.Equal(HttpStatusCode.Conflict, deviates.StatusCode);
        var deviation = (await KeysApiTests.ProblemAsync(deviates)).GetProperty("deviation");
        Assert.Equal(s.Tenant, deviation.GetProperty("tenant_id").GetString());
        Assert.Equal(JsonValueKind.Null, deviation.GetProperty("delta").GetProperty("percent").ValueKind);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        var definition = await forced.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("active", definition.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), definition.GetProperty("active_from").GetDateTimeOffset());

        var charges = await PagedList.AllAsync(admin, $"/v1/tenants/{s.Tenant}/charges", Ct);
        var charged = Assert.Single(charges);
        Assert.Equal("L-after", charged.GetProperty("correlation").GetString());
        Assert.Equal((1, "5.00"), Terms(charged));
        var outcome = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/outcomes/{s.Lead}/L-before", Ct);
        Assert.Equal("settled", outcome.GetProperty("status").GetString());
        await SandboxCalls.AssertParityAsync(admin, s.Tenant);
    }

    [Fact]
    public async Task a_tenant_key_reads_and_promotes_only_its_own_tenant_and_never_promotes_a_definition()
    {
        using var admin = silo.Client();
        var mine = await ScenarioAsync(admin, shadowLead: true);
        var theirs = await ScenarioAsync(admin);
        (await PutContractAsync(admin, theirs.Tenant, Contract(theirs, ticket: "3.00"), "?mode=shadow")).Dispose();
        using var reader = silo.Client(await SandboxCalls.KeyAsync(admin, "read", mine.Tenant));
        using var owner = silo.Client(await SandboxCalls.KeyAsync(admin, "admin", mine.Tenant));

        using var readMine = await reader.GetAsync($"/v1/tenants/{mine.Tenant}/shadow", Ct);
        using var readTheirs = await reader.GetAsync($"/v1/tenants/{theirs.Tenant}/shadow", Ct);
        using var readTheirShadow = await reader.GetAsync($"/v1/tenants/{theirs.Tenant}/contract?mode=shadow", Ct);
        using var readerPuts = await reader.PutAsync($"/v1/tenants/{mine.Tenant}/contract?mode=shadow", new StringContent(Contract(mine, ticket: "3.00"), Encoding.UTF8, "application/yaml"), Ct);
        using var promoteTheirs = await PromoteAsync(owner, $"/v1/tenants/{theirs.Tenant}/contract/promote", """{"at":"2026-12-01T00:00:00Z","force":true}""");
        using var promoteDefinition = await PromoteAsync(owner, $"/v1/outcomes/{mine.Lead}/promote", """{"at":"2026-12-01T00:00:00Z","force":true}""");

        Assert.Equal(HttpStatusCode.OK, readMine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readTheirShadow.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readerPuts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, promoteTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, promoteDefinition.StatusCode);
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{theirs.Tenant}/contract?mode=shadow", Ct)).GetProperty("version").GetInt32());
        Assert.Equal("shadow", (await admin.GetFromJsonAsync<JsonElement>($"/v1/outcomes/{mine.Lead}", Ct)).GetProperty("status").GetString());
    }

    /// <summary>A sandbox tenant on 2026-11-02T10:00Z whose live contract prices this test's ticket at 2.00 (and its lead at 5.00).</summary>
    private async Task<Scenario> ScenarioAsync(HttpClient admin, bool shadowLead = false)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var s = new Scenario($"shd-{id}", $"shd_{id}_ticket", $"shd_{id}_lead", id);
        (await admin.PutAsync($"/v1/tenants/{s.Tenant}", KeysApiTests.Json("""{"name":"Shadow","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        await PublishAsync(admin, s.Ticket, $"shd{id}.ticket");
        if (shadowLead)
        {
            await PublishAsync(admin, s.Lead, $"shd{id}.lead");
            using var status = await admin.PostAsync($"/v1/outcomes/{s.Lead}/status", KeysApiTests.Json("""{"status":"shadow"}"""), Ct);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        }

        (await PutContractAsync(admin, s.Tenant, Contract(s, ticket: "2.00", lead: shadowLead ? "5.00" : null), "")).Dispose();
        return s;
    }

    private static async Task PublishAsync(HttpClient admin, string name, string type)
    {
        var yaml = $"""
            name: {name}
            correlate_by: ticket_id
            qualify:
              seen: {type}
            settlement:
              window: 1h
            """;
        using var response = await admin.PutAsync($"/v1/outcomes/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string Contract(Scenario s, string ticket, string? lead = null) => $"""
        currency: USD
        billing_period:
          every: month
          anchor_day: 1
          timezone: UTC
        prices:
          {s.Ticket}:
            unit_price: {ticket}
        {(lead is null ? "" : $"  {s.Lead}:\n    unit_price: {lead}\n")}effective_from: 2026-01-01
        """;

    private static async Task<HttpResponseMessage> PutContractAsync(HttpClient admin, string tenant, string yaml, string query, bool ensure = true)
    {
        var response = await admin.PutAsync($"/v1/tenants/{tenant}/contract{query}", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct);
        if (ensure)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }

        return response;
    }

    private static async Task SendAsync(HttpClient admin, Scenario s, string definition, string correlation, string at)
    {
        var type = definition == s.Ticket ? $"shd{s.Id}.ticket" : $"shd{s.Id}.lead";
        await SandboxCalls.SendAsync(admin,
            [$$$"""{"tenant_id":"{{{s.Tenant}}}","type":"{{{type}}}","timestamp":"{{{at}}}","idempotency_key":"{{{correlation}}}-{{{type}}}","properties":{"ticket_id":"{{{correlation}}}"}}"""]);
    }

    private static Task<HttpResponseMessage> PromoteAsync(HttpClient admin, string path, string body) => admin.PostAsync(path, KeysApiTests.Json(body), Ct);

    private static async Task<string?> InvoiceTotalAsync(HttpClient admin, string tenant, string period) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/invoices/{period}", Ct)).GetProperty("total").GetString();

    private static async Task<JsonElement> TicketShadowAsync(HttpClient admin, Scenario s)
    {
        var c = await admin.GetFromJsonAsync<JsonElement>($"/v1/tenants/{s.Tenant}/shadow", Ct);
        return c.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("outcome").GetString() == s.Ticket).GetProperty("shadow");
    }

    private static (long Count, string Amount) Side(JsonElement side) => (side.GetProperty("count").GetInt64(), side.GetProperty("amount").GetString()!);

    private static (int Version, string Amount) Terms(JsonElement charge) => (charge.GetProperty("contract_version").GetInt32(), charge.GetProperty("amount").GetString()!);

    private sealed record Scenario(string Tenant, string Ticket, string Lead, string Id);
}
