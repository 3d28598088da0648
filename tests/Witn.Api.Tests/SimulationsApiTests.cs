using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>
/// Replay through the HTTP API against a real silo and PostgreSQL. One sandbox tenant's history holds what makes
/// a ledger hard to reproduce: a void, a reversal after settlement, a late event, a review, a partial dispute
/// credit, a contract change mid-period, a new definition version, and a reversal after the invoice was final
/// (its credit lands on the next period). Replay with the versions in force must give it all back.
/// </summary>
public sealed class SimulationsApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task replaying_history_with_the_versions_in_force_gives_back_every_charge_credit_and_invoice_total()
    {
        using var admin = silo.Client();
        var tenant = await HistoryAsync(admin);

        var simulation = await SandboxCalls.SimulateAsync(admin, $$"""{"tenants":["{{tenant}}"],"name":"parity"}""");
        var parity = simulation.GetProperty("parity");
        var mismatches = await ListAsync(admin, $"/v1/simulations/{simulation.GetProperty("id").GetString()}/mismatches");
        Assert.True(parity.GetProperty("holds").GetBoolean(), $"{simulation}\n{string.Join('\n', mismatches)}");
        Assert.Equal(0, parity.GetProperty("mismatches").GetInt64());
        Assert.Equal(6, parity.GetProperty("outcomes_compared").GetInt64());
        Assert.True(parity.GetProperty("invoices_checked").GetBoolean());
        var invoices = parity.GetProperty("invoices").EnumerateArray().ToList();
        Assert.Equal(["2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"], invoices.Select(i => i.GetProperty("period_start").GetString()));
        Assert.All(invoices, i => Assert.True(i.GetProperty("matches").GetBoolean(), i.ToString()));
        // November: 2.00 × 3 + 3.00 + 35.00 charged, 2.00 reversed and 0.50 disputed; December: T-1's reversal, 2.00 less the 0.50 disputed.
        Assert.Equal("41.50", invoices[0].GetProperty("ledger_total").GetString());
        // November was finalized: its total is the invoice as issued; December is a draft.
        Assert.Equal([true, false], invoices.Select(i => i.GetProperty("final").GetBoolean()));
        Assert.Equal("-1.50", invoices[1].GetProperty("replay_total").GetString());
        Assert.Empty(await ListAsync(admin, $"/v1/simulations/{simulation.GetProperty("id").GetString()}/mismatches"));

        // Cancelling a finished simulation changes nothing: it is answered as it is, results and all.
        using var cancel = await admin.DeleteAsync($"/v1/simulations/{simulation.GetProperty("id").GetString()}", Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("done", (await cancel.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task a_ledger_row_no_event_explains_is_a_mismatch_listed_with_both_sides()
    {
        using var admin = silo.Client();
        var tenant = await HistoryAsync(admin);
        var charge = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct))[0].GetProperty("id").GetGuid();

        // A charge for an outcome that never happened, written past the engine (as the database owner could).
        await using (var conn = new NpgsqlConnection(silo.ConnectionString))
        {
            await conn.OpenAsync(Ct);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO charges (id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at, committed_at, dimensions, evidence, invoice_period, sequence)
                SELECT gen_random_uuid(), tenant_id, outcome, definition_version, 'T-999', qualified_at, settles_at, committed_at, dimensions, evidence, invoice_period, 1
                FROM charges WHERE id = $1
                """, conn);
            insert.Parameters.AddWithValue(charge);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(Ct));
        }

        var simulation = await SandboxCalls.SimulateAsync(admin, $$"""{"tenants":["{{tenant}}"]}""");
        var parity = simulation.GetProperty("parity");
        Assert.False(parity.GetProperty("holds").GetBoolean());
        Assert.Equal(1, parity.GetProperty("mismatches").GetInt64());
        var mismatch = Assert.Single(await ListAsync(admin, $"/v1/simulations/{simulation.GetProperty("id").GetString()}/mismatches"));
        Assert.Equal("T-999", mismatch.GetProperty("correlation").GetString());
        Assert.Contains("no event", mismatch.GetProperty("differences")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(1, mismatch.GetProperty("ledger").GetProperty("charges")[0].GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task a_price_change_shows_its_delta_and_flips_and_never_touches_the_ledger()
    {
        using var admin = silo.Client();
        var tenant = await HistoryAsync(admin);
        var before = await MoneyRowsAsync();

        var candidate = Contract(tenant, "2026-01-01", 2.25m).Replace("\n", "\\n", StringComparison.Ordinal);
        var simulation = await SandboxCalls.SimulateAsync(admin, $$"""{"tenants":["{{tenant}}"],"contracts":{"{{tenant}}":"{{candidate}}"},"name":"ticket at 2.25"}""");
        var id = simulation.GetProperty("id").GetString();
        Assert.True(simulation.GetProperty("parity").GetProperty("holds").GetBoolean(), simulation.ToString());
        Assert.Equal(2, simulation.GetProperty("summary").GetProperty("flips").GetInt64());

        var byDefinition = await GetAsync(admin, $"/v1/simulations/{id}/results?by=definition");
        var ticket = byDefinition.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "ticket_resolved");
        // Standing: T-4 at 2.00 and T-5 at 3.00, against 2.25 each; the reversals give back what they charged.
        Assert.Equal("5.00", ticket.GetProperty("actual_amount").GetString());
        Assert.Equal("4.50", ticket.GetProperty("simulated_amount").GetString());
        Assert.Equal("-0.50", ticket.GetProperty("delta_amount").GetString());
        Assert.Equal(-10m, ticket.GetProperty("delta_percent").GetDecimal());
        Assert.Equal(2, ticket.GetProperty("actual_outcomes").GetInt64());
        var procurement = byDefinition.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "procurement_case_closed");
        Assert.Equal("0.00", procurement.GetProperty("delta_amount").GetString());

        var byTenant = await GetAsync(admin, $"/v1/simulations/{id}/results?by=tenant");
        Assert.Equal(tenant, byTenant.GetProperty("top_movers")[0].GetProperty("key").GetString());
        Assert.Equal(1, byTenant.GetProperty("tenant_change").GetProperty("tenants").GetInt32());

        var flips = await ListAsync(admin, $"/v1/simulations/{id}/flips");
        Assert.Equal(["T-4", "T-5"], flips.Select(f => f.GetProperty("correlation").GetString()).Order(StringComparer.Ordinal));
        var t5 = flips.Single(f => f.GetProperty("correlation").GetString() == "T-5");
        Assert.Equal("3.00", t5.GetProperty("before").GetProperty("amount").GetString());
        Assert.Equal("2.25", t5.GetProperty("after").GetProperty("amount").GetString());
        Assert.Single(t5.GetProperty("event_ids").EnumerateArray());

        using var csv = await admin.GetAsync($"/v1/simulations/{id}/flips?format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("tenant,definition,correlation,before_status", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);

        // The report a pricing lead sends on: parity first, the tables and the chart, rendered by a real browser.
        using var report = await admin.GetAsync($"/v1/simulations/{id}/report", Ct);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        var html = await report.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Parity holds", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("ticket at 2.25", html, StringComparison.Ordinal);
        Assert.Contains("T-5", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var folder = Directory.CreateTempSubdirectory("witn-report-").FullName;
        var png = PngPixels.Decode(await File.ReadAllBytesAsync(await HeadlessChromium.ScreenshotAsync(html, folder, "simulation-report", 1000, 1400, Ct), Ct));
        Assert.True(png.Count(0, 0, png.Width, png.Height / 4, png.IsDark) > 500, "the report's top quarter has text");

        // Nothing a simulation does reaches money: the ledger, the invoices, the outbox and webhooks are as they were.
        Assert.Equal(before, await MoneyRowsAsync());
    }

    [Fact]
    public async Task rebuilding_wiped_outcome_state_gives_every_outcome_back_and_the_next_settlement_charges_once()
    {
        using var admin = silo.Client();
        var tenant = await HistoryAsync(admin);
        // One outcome still inside its window: due at 2026-12-03 12:00, after the clock.
        await SandboxCalls.SendAsync(admin, [Ticket(tenant, "T-6", "ticket.closed", "2026-12-01T12:00:00Z")]);
        await Eventually.HoldsAsync(async () => (await OutcomeRowsAsync(tenant)).Count == 7, Deadline, "T-6 stored");
        var before = await OutcomeRowsAsync(tenant);
        var charges = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Count;

        await using (var conn = new NpgsqlConnection(silo.OwnerConnectionString))
        {
            await conn.OpenAsync(Ct);
            await using var wipe = new NpgsqlCommand("DELETE FROM outcomes WHERE tenant_id = $1", conn);
            wipe.Parameters.AddWithValue(tenant);
            Assert.Equal(7, await wipe.ExecuteNonQueryAsync(Ct));
        }

        var rebuild = await SandboxCalls.SimulateAsync(admin, $$"""{"tenants":["{{tenant}}"]}""", "/v1/admin/rebuild");
        Assert.True(rebuild.GetProperty("rebuild").GetBoolean());
        Assert.True(rebuild.GetProperty("parity").GetProperty("holds").GetBoolean(), rebuild.ToString());
        var after = await OutcomeRowsAsync(tenant);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, row) in before)
        {
            Assert.True(row == after[key], $"{key}\nbefore: {row}\nafter:  {after[key]}");
        }

        // The rebuilt row is what the next decision starts from: T-6 settles once, nothing else charges again.
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-12-04T00:00:00Z");
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Count == charges + 1, Deadline, "T-6 charged");
        var all = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
        Assert.Single(all, c => c.GetProperty("correlation").GetString() == "T-6");
        Assert.Equal(all.Count, all.Select(c => c.GetProperty("correlation").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task bad_requests_name_the_field_and_unknown_simulations_are_not_found()
    {
        using var admin = silo.Client();
        var problem = await ProblemAsync(admin, """{"from":"yesterday","tenants":["no-such-tenant"],"definitions":{"ticket_resolved":"name: ticket_resolved\nqualify: [oops"}}""");
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("from", paths);
        Assert.Contains("tenants[0]", paths);
        Assert.Contains(paths, p => p!.StartsWith("definitions.ticket_resolved", StringComparison.Ordinal));

        var reversed = await ProblemAsync(admin, """{"from":"2026-11-02T00:00:00Z","to":"2026-11-01T00:00:00Z"}""");
        Assert.Equal("to", reversed.GetProperty("errors")[0].GetProperty("path").GetString());

        using var unknown = await admin.GetAsync($"/v1/simulations/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var cancelUnknown = await admin.DeleteAsync($"/v1/simulations/{Guid.NewGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, cancelUnknown.StatusCode);
        using var futureRebuild = await admin.PostAsync("/v1/admin/rebuild", KeysApiTests.Json("""{"until":"2999-01-01T00:00:00Z"}"""), Ct);
        Assert.Equal("until", (await KeysApiTests.ProblemAsync(futureRebuild)).GetProperty("errors")[0].GetProperty("path").GetString());
        using var malformed = await admin.GetAsync("/v1/simulations/not-an-id/results", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var badBy = await admin.GetAsync($"/v1/simulations/{Guid.NewGuid()}/results?by=weekday", Ct);
        Assert.Equal("by", (await KeysApiTests.ProblemAsync(badBy)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    /// <summary>
    /// The history every test replays, on a new sandbox tenant (clock from 2026-11-02 10:00): six outcomes, of which
    /// T-1 is charged, disputed in part and reversed after November was final; T-2 voided; T-3 reversed after
    /// settlement; T-4 a late event charged on arrival; T-5 under contract v2 and definition v2; C-1 reviewed.
    /// </summary>
    private async Task<string> HistoryAsync(HttpClient admin)
    {
        var tenant = $"sim-{Guid.NewGuid().ToString("N")[..10]}";
        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Replay","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}"""), Ct)).EnsureSuccessStatusCode();
        await PublishAsync(admin, "ticket_resolved", await ExampleAsync("ticket_resolved"));
        await PublishAsync(admin, "procurement_case_closed", await ExampleAsync("procurement_case_closed"));
        await PutContractAsync(admin, tenant, Contract(tenant, "2026-01-01", 2.00m));

        await SandboxCalls.SendAsync(admin, [
            Ticket(tenant, "T-1", "ticket.closed", "2026-11-02T09:30:00Z"),
            Ticket(tenant, "T-2", "ticket.closed", "2026-11-02T09:31:00Z"),
            Ticket(tenant, "T-2", "ticket.reopened", "2026-11-02T09:50:00Z"),
            Ticket(tenant, "T-3", "ticket.closed", "2026-11-02T09:32:00Z"),
            Case(tenant, "case.opened", "2026-11-02T08:00:00Z", "intake-bot"),
            Case(tenant, "agent.action", "2026-11-02T08:01:00Z", "intake-bot", "a1"),
            Case(tenant, "record.enriched", "2026-11-02T08:02:00Z", "enrich-bot"),
            Case(tenant, "agent.action", "2026-11-02T08:03:00Z", "enrich-bot", "a2"),
            Case(tenant, "case.approved", "2026-11-02T09:00:00Z", null, approver: true),
            Case(tenant, "case.closed", "2026-11-02T09:05:00Z", "intake-bot"),
        ]);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T00:00:00Z");
        await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/reviews/procurement_case_closed/C-1", """{"decision":"approve","note":"one agent's follow-up"}""", HttpStatusCode.OK);
        await SandboxCalls.SendAsync(admin, [
            Ticket(tenant, "T-3", "ticket.reopened", "2026-11-05T12:00:00Z"),
            Ticket(tenant, "T-4", "ticket.closed", "2026-11-01T08:00:00Z"),
        ]);
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct)).Count == 1, Deadline, "T-3's reversal credit");

        var t1 = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Single(c => c.GetProperty("correlation").GetString() == "T-1").GetProperty("id").GetString();
        var dispute = await SandboxCalls.PostAsync(admin, $"/v1/charges/{t1}/disputes", """{"reason":"agent_error","message":"The reply missed a step.","amount":"0.50"}""", HttpStatusCode.Created);
        await SandboxCalls.PostAsync(admin, $"/v1/disputes/{dispute.GetProperty("id").GetString()}/resolve", """{"decision":"credit","note":"half a step"}""", HttpStatusCode.OK);

        await PutContractAsync(admin, tenant, Contract(tenant, "2026-11-10", 3.00m));
        await PublishAsync(admin, "ticket_resolved", (await ExampleAsync("ticket_resolved")).Replace("window: 72h", "window: 48h", StringComparison.Ordinal));
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-11T00:00:00Z");
        await SandboxCalls.SendAsync(admin, [Ticket(tenant, "T-5", "ticket.closed", "2026-11-10T12:00:00Z")]);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-12-02T00:00:00Z");
        await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/finalize", "", HttpStatusCode.Created);
        await SandboxCalls.SendAsync(admin, [Ticket(tenant, "T-1", "ticket.reopened", "2026-11-20T00:00:00Z")]);
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct)).Count == 3, Deadline, "T-1's reversal credit");

        var charges = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
        Assert.Equal(["C-1", "T-1", "T-3", "T-4", "T-5"], charges.Select(c => c.GetProperty("correlation").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("3.00", charges.Single(c => c.GetProperty("correlation").GetString() == "T-5").GetProperty("amount").GetString());
        return tenant;
    }

    private async Task<(long, long, long, long, long)> MoneyRowsAsync()
    {
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM charges), (SELECT count(*) FROM credits), (SELECT count(*) FROM invoices),
                   (SELECT count(*) FROM ledger_outbox), (SELECT count(*) FROM webhook_deliveries)
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    // Every stored outcome of the tenant as text: its columns (but when it was written) and its state.
    private async Task<Dictionary<string, string>> OutcomeRowsAsync(string tenant)
    {
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT definition || '/' || correlation,
                   concat_ws(' | ', definition_version, status, first_event_at, qualified_at, settles_at, next_due_at, charge_id, credit_id, event_count, state::jsonb, quality_reached)
            FROM outcomes WHERE tenant_id = $1
            """, conn);
        cmd.Parameters.AddWithValue(tenant);
        var rows = new Dictionary<string, string>();
        await using var reader = await cmd.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    private static async Task<JsonElement> GetAsync(HttpClient admin, string path)
    {
        using var response = await admin.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<List<JsonElement>> ListAsync(HttpClient admin, string path) => PagedList.AllAsync(admin, path, Ct);

    private static async Task<JsonElement> ProblemAsync(HttpClient admin, string body)
    {
        using var response = await admin.PostAsync("/v1/simulations", KeysApiTests.Json(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await KeysApiTests.ProblemAsync(response);
    }

    private static async Task PublishAsync(HttpClient admin, string name, string yaml)
    {
        using var response = await admin.PutAsync($"/v1/outcomes/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task PutContractAsync(HttpClient admin, string tenant, string yaml)
    {
        using var response = await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Task<string> ExampleAsync(string name) => File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), $"{name}.yaml"), Ct);

    private static string Contract(string tenant, string from, decimal ticket) => $"""
        tenant: {tenant}
        currency: USD
        billing_period:
          every: month
          anchor_day: 1
          timezone: UTC
        prices:
          ticket_resolved:
            unit_price: {ticket.ToString("0.00", CultureInfo.InvariantCulture)}
          procurement_case_closed:
            unit_price: 35.00
        effective_from: {from}
        """;

    private static string Ticket(string tenant, string ticket, string type, string at) =>
        $$$"""{"tenant_id":"{{{tenant}}}","type":"{{{type}}}","timestamp":"{{{at}}}","idempotency_key":"{{{ticket}}}-{{{type}}}-{{{at}}}","properties":{"ticket_id":"{{{ticket}}}","resolution":"solved"}}""";

    private static string Case(string tenant, string type, string at, string? agent, string? suffix = null, bool approver = false)
    {
        var agentJson = agent is null ? "" : $$""" "agent":{"id":"{{agent}}"},""";
        var approverJson = approver ? ",\"approver_type\":\"human\"" : "";
        return $$$"""{"tenant_id":"{{{tenant}}}","type":"{{{type}}}","timestamp":"{{{at}}}","idempotency_key":"C-1-{{{type}}}{{{suffix}}}",{{{agentJson}}}"properties":{"case_id":"C-1"{{{approverJson}}}}}""";
    }
}
