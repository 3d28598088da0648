using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Witn.Testing;

namespace Witn.Api.Tests;

/// <summary>
/// Disputes through the HTTP API against a real silo and PostgreSQL: charges come from events through the outcome
/// lifecycle of a sandbox tenant (two tickets of 2.00 USD on the acme contract, settled by a clock advance).
/// </summary>
public sealed class DisputesApiTests(WebhooksSilo silo, WebhookReceiver receiver) : IClassFixture<WebhooksSilo>, IClassFixture<WebhookReceiver>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task two_partial_disputes_are_credited_through_the_ledger_and_the_database_refuses_credits_beyond_the_charge()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await ChargedAsync(admin, 1);
        var charge = charges[0];

        var first = await OpenAsync(admin, charge, """{"reason":"human_did_the_work","message":"Our team lead finished this ticket.","amount":"1.00"}""");
        Assert.Equal("open", first.GetProperty("status").GetString());
        Assert.Equal("1.00", first.GetProperty("amount").GetString());
        Assert.Equal("USD", first.GetProperty("currency").GetString());
        Assert.Equal(tenant, first.GetProperty("tenant_id").GetString());
        Assert.Equal("ticket_resolved", first.GetProperty("outcome").GetString());
        Assert.Equal(64, first.GetProperty("evidence_sha256").GetString()!.Length);
        Assert.Equal(DateTimeOffset.Parse("2026-11-08T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), first.GetProperty("ack_due_by").GetDateTimeOffset());
        Assert.Equal("customer", first.GetProperty("thread")[0].GetProperty("author_kind").GetString());
        var id = first.GetProperty("id").GetString();

        // A second opening while the first is open is a 409 that carries the open dispute.
        using (var again = await admin.PostAsync($"/v1/charges/{charge}/disputes", KeysApiTests.Json("""{"reason":"duplicate","message":"again"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal(id, (await KeysApiTests.ProblemAsync(again)).GetProperty("dispute").GetProperty("id").GetString());
        }

        var reviewed = await PostOkAsync(admin, $"/v1/disputes/{id}/messages", """{"author":"operator","text":"The agent closed it; a person edited the reply. Crediting half."}""");
        Assert.Equal("under_review", reviewed.GetProperty("status").GetString());
        var credited = await PostOkAsync(admin, $"/v1/disputes/{id}/resolve", """{"decision":"credit","amount":"1.00","note":"shared work"}""");
        Assert.Equal("credited", credited.GetProperty("status").GetString());
        var resolution = credited.GetProperty("resolution");
        Assert.Equal("1.00", resolution.GetProperty("amount").GetString());
        var creditId = resolution.GetProperty("credit_id").GetString();

        var credits = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct);
        var credit = Assert.Single(credits);
        Assert.Equal(creditId, credit.GetProperty("id").GetString());
        Assert.Equal("dispute", credit.GetProperty("reason").GetString());
        Assert.Equal("-1.00", credit.GetProperty("amount").GetString());
        Assert.Equal(id, credit.GetProperty("dispute_id").GetString());
        Assert.Equal($"/v1/disputes/{id}", credit.GetProperty("dispute").GetString());

        // More than what is left (1.00) is refused naming the amount; the rest is disputable and credited.
        using (var tooMuch = await admin.PostAsync($"/v1/charges/{charge}/disputes", KeysApiTests.Json("""{"reason":"other","message":"Credit the rest too.","amount":"1.50"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
            Assert.Equal("amount", (await KeysApiTests.ProblemAsync(tooMuch)).GetProperty("errors")[0].GetProperty("path").GetString());
        }

        var second = await OpenAsync(admin, charge, """{"reason":"other","message":"Credit the rest too."}""");
        Assert.Equal("1.00", second.GetProperty("amount").GetString());
        var rest = await PostOkAsync(admin, $"/v1/disputes/{second.GetProperty("id").GetString()}/resolve", """{"decision":"credit","note":"fine"}""");
        Assert.Equal("credited", rest.GetProperty("status").GetString());
        Assert.Equal(2, (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct)).Count);
        using (var nothingLeft = await admin.PostAsync($"/v1/charges/{charge}/disputes", KeysApiTests.Json("""{"reason":"other","message":"and more"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, nothingLeft.StatusCode);
        }

        // The database itself refuses a credit that would take the charge's credits past it.
        await using var conn = new NpgsqlConnection(silo.ConnectionString);
        await conn.OpenAsync(Ct);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO credits (id, charge_id, tenant_id, reason, created_at, amount_minor, evidence) VALUES (gen_random_uuid(), $1, $2, 'reversed', now(), 1, '{}')
            """, conn);
        insert.Parameters.AddWithValue(Guid.Parse(charge));
        insert.Parameters.AddWithValue(tenant);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Ct));
        Assert.Contains("would exceed", refused.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task bad_input_is_a_problem_naming_the_field_and_a_closed_dispute_takes_no_decision()
    {
        using var admin = silo.Client();
        var (_, charges) = await ChargedAsync(admin, 1);
        var charge = charges[0];

        await AssertInvalidAsync(admin, $"/v1/charges/{charge}/disputes", """{"reason":"because","message":"x"}""", "reason");
        await AssertInvalidAsync(admin, $"/v1/charges/{charge}/disputes", """{"reason":"other","message":"x","amount":"one"}""", "amount");
        await AssertInvalidAsync(admin, $"/v1/charges/{charge}/disputes", """{"reason":"other","message":"x","amount":"2.50"}""", "amount");
        await AssertInvalidAsync(admin, $"/v1/charges/{charge}/disputes", """{"reason":"other","message":"x","amount":"0.001"}""", "amount");
        await AssertInvalidAsync(admin, $"/v1/charges/{charge}/disputes", """{"reason":"other"}""", "message");
        await AssertInvalidAsync(admin, $"/v1/charges/{charge}/disputes", $$"""{"reason":"other","message":"{{new string('x', 10_001)}}"}""", "message");
        using (var unknown = await admin.PostAsync($"/v1/charges/{Guid.NewGuid()}/disputes", KeysApiTests.Json("""{"reason":"other","message":"x"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        var dispute = await OpenAsync(admin, charge, """{"reason":"not_achieved","message":"The ticket was reopened the next day."}""");
        var id = dispute.GetProperty("id").GetString();
        await AssertInvalidAsync(admin, $"/v1/disputes/{id}/messages", $$"""{"author":"customer","text":"{{new string('y', 10_001)}}"}""", "text");
        await AssertInvalidAsync(admin, $"/v1/disputes/{id}/messages", """{"author":"robot","text":"hi"}""", "author");
        await AssertInvalidAsync(admin, $"/v1/disputes/{id}/resolve", """{"decision":"reject"}""", "note");
        await AssertInvalidAsync(admin, $"/v1/disputes/{id}/resolve", """{"decision":"credit","amount":"3.00","note":"x"}""", "amount");

        var withdrawn = await PostOkAsync(admin, $"/v1/disputes/{id}/withdraw", "{}");
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        foreach (var (path, body) in new[] { ("resolve", """{"decision":"credit","note":"x"}"""), ("messages", """{"author":"customer","text":"x"}"""), ("withdraw", "{}") })
        {
            using var closed = await admin.PostAsync($"/v1/disputes/{id}/{path}", KeysApiTests.Json(body), Ct);
            Assert.True(closed.StatusCode == HttpStatusCode.Conflict, $"{path}: {(int)closed.StatusCode} {await closed.Content.ReadAsStringAsync(Ct)}");
        }

        // Nothing is deleted: the withdrawn dispute is still listed, and a new one may be opened.
        var reopened = await OpenAsync(admin, charge, """{"reason":"other","message":"On second thought."}""");
        var rejected = await PostOkAsync(admin, $"/v1/disputes/{reopened.GetProperty("id").GetString()}/resolve", """{"decision":"reject","note":"The ticket stayed closed 72 h."}""");
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("The ticket stayed closed 72 h.", rejected.GetProperty("resolution").GetProperty("note").GetString());
        Assert.Equal(2, (await PagedList.AllAsync(admin, $"/v1/tenants/{dispute.GetProperty("tenant_id").GetString()}/disputes", Ct)).Count);
    }

    [Fact]
    public async Task a_key_restricted_to_another_tenant_neither_sees_nor_disputes_its_charges()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await ChargedAsync(admin, 1);
        var (other, _) = await ChargedAsync(admin, 0);
        var dispute = await OpenAsync(admin, charges[0], """{"reason":"duplicate","message":"Billed twice."}""");
        var id = dispute.GetProperty("id").GetString();
        using var stranger = silo.Client(await SandboxCalls.KeyAsync(admin, "admin", other));
        using var own = silo.Client(await SandboxCalls.KeyAsync(admin, "disputes", tenant));

        using (var open = await stranger.PostAsync($"/v1/charges/{charges[0]}/disputes", KeysApiTests.Json("""{"reason":"other","message":"x"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        }

        foreach (var (path, body) in new[]
        {
            ($"/v1/disputes/{id}/messages", """{"author":"operator","text":"x"}"""), ($"/v1/disputes/{id}/resolve", """{"decision":"credit","note":"x"}"""),
            ($"/v1/disputes/{id}/withdraw", "{}"), ($"/v1/disputes/{id}/review", "{}"), ($"/v1/disputes/{id}/approve", "{}"),
        })
        {
            using var response = await stranger.PostAsync(path, KeysApiTests.Json(body), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/disputes/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/v1/tenants/{tenant}/disputes", Ct)).StatusCode);
        Assert.Empty(await PagedList.AllAsync(stranger, $"/v1/tenants/{other}/disputes", Ct));

        // The tenant's own disputes key reads and reviews it.
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/v1/disputes/{id}", Ct)).StatusCode);
        var reviewed = await PostOkAsync(own, $"/v1/disputes/{id}/review", "{}");
        Assert.Equal("under_review", reviewed.GetProperty("status").GetString());
        Assert.Equal(dispute.GetProperty("evidence_sha256").GetString(), reviewed.GetProperty("evidence_sha256").GetString());
    }

    [Fact]
    public async Task a_credit_above_the_approval_limit_waits_for_a_second_admin_key()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await ChargedAsync(admin, 1, """ "dispute_approval_limit":"1.00", """);
        var dispute = await OpenAsync(admin, charges[0], """{"reason":"agent_error","message":"The agent answered the wrong customer."}""");
        var id = dispute.GetProperty("id").GetString();
        using var reviewer = silo.Client(await SandboxCalls.KeyAsync(admin, "disputes", tenant));
        using var second = silo.Client(await SandboxCalls.KeyAsync(admin, "admin", tenant));

        var proposed = await PostOkAsync(reviewer, $"/v1/disputes/{id}/resolve", """{"decision":"credit","note":"wrong customer"}""");
        Assert.Equal("under_review", proposed.GetProperty("status").GetString());
        Assert.Equal("2.00", proposed.GetProperty("proposal").GetProperty("amount").GetString());
        Assert.Empty(await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct));

        using (var again = await reviewer.PostAsync($"/v1/disputes/{id}/resolve", KeysApiTests.Json("""{"decision":"credit","note":"please"}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }

        using (var self = await reviewer.PostAsync($"/v1/disputes/{id}/approve", null, Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        }

        var approved = await PostOkAsync(second, $"/v1/disputes/{id}/resolve", """{"decision":"credit","note":"agreed"}""");
        Assert.Equal("credited", approved.GetProperty("status").GetString());
        var resolution = approved.GetProperty("resolution");
        Assert.Equal("2.00", resolution.GetProperty("amount").GetString());
        Assert.Equal(proposed.GetProperty("proposal").GetProperty("proposed_by").GetString(), resolution.GetProperty("decided_by").GetString());
        Assert.NotEqual(resolution.GetProperty("decided_by").GetString(), resolution.GetProperty("approved_by").GetString());
        Assert.Equal("-2.00", Assert.Single(await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct)).GetProperty("amount").GetString());
    }

    [Fact]
    public async Task an_advance_past_the_acknowledgement_deadline_makes_the_dispute_overdue_and_sends_one_webhook()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await ChargedAsync(admin, 2);
        var path = $"/{tenant}/disputes";
        using (var registered = await admin.PostAsJsonAsync("/v1/webhooks",
            new { url = receiver.Url(path), events = new[] { "dispute.opened", "dispute.updated", "dispute.resolved", "dispute.overdue", "credit.issued" }, tenant_id = tenant }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var late = await OpenAsync(admin, charges[0], """{"reason":"not_as_defined","message":"This was not a resolution."}""");
        var answered = await OpenAsync(admin, charges[1], """{"reason":"not_as_defined","message":"Neither was this."}""");
        await PostOkAsync(admin, $"/v1/disputes/{answered.GetProperty("id").GetString()}/review", "{}");
        Assert.False(late.GetProperty("overdue").GetBoolean());

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-08T00:00:01Z");

        var id = late.GetProperty("id").GetString();
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/v1/disputes/{id}", Ct)).GetProperty("overdue").GetBoolean());
        var overdue = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/disputes?overdue=true", Ct);
        Assert.Equal(id, Assert.Single(overdue).GetProperty("id").GetString());
        Assert.Single(await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/disputes?overdue=false", Ct));

        var received = await Eventually.ReturnsAsync(() =>
        {
            var bodies = receiver.At(path).Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();
            return Task.FromResult(bodies.Any(b => b.GetProperty("type").GetString() == "dispute.overdue") ? bodies : null);
        }, Deadline, "the dispute.overdue webhook");
        var sent = Assert.Single(received, b => b.GetProperty("type").GetString() == "dispute.overdue");
        Assert.Equal(id, sent.GetProperty("data").GetProperty("id").GetString());
        Assert.True(sent.GetProperty("data").GetProperty("overdue").GetBoolean());
        Assert.Equal(2, received.Count(b => b.GetProperty("type").GetString() == "dispute.opened"));

        // A second advance announces nothing again.
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-09T00:00:00Z");
        await PostOkAsync(admin, $"/v1/disputes/{id}/withdraw", "{}");
        await Eventually.HoldsAsync(() => Task.FromResult(receiver.At(path).Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString() == "dispute.resolved")),
            Deadline, "the dispute.resolved webhook");
        Assert.Single(receiver.At(path), r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString() == "dispute.overdue");
    }

    [Fact]
    public async Task dispute_terms_are_tenant_settings_with_defaults_and_problems_naming_the_field()
    {
        using var admin = silo.Client();
        var tenant = $"dterms-{Guid.NewGuid().ToString("N")[..8]}";
        var created = await (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Terms"}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("2d", created.GetProperty("dispute_ack_within").GetString());
        Assert.Equal("14d", created.GetProperty("dispute_resolve_within").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("dispute_approval_limit").ValueKind);

        var updated = await (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"dispute_ack_within":"24h","dispute_approval_limit":"50.00"}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("1d", updated.GetProperty("dispute_ack_within").GetString());
        Assert.Equal("14d", updated.GetProperty("dispute_resolve_within").GetString());
        Assert.Equal("50.00", updated.GetProperty("dispute_approval_limit").GetString());

        await AssertInvalidAsync(admin, $"/v1/tenants/{tenant}", """{"dispute_resolve_within":"soon"}""", "dispute_resolve_within", put: true);
        await AssertInvalidAsync(admin, $"/v1/tenants/{tenant}", """{"dispute_approval_limit":"lots"}""", "dispute_approval_limit", put: true);
    }

    [Fact]
    public async Task a_draft_invoice_marks_the_line_with_an_open_dispute_until_it_is_closed()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await ChargedAsync(admin, 2);
        var dispute = await OpenAsync(admin, charges[0], """{"reason":"not_achieved","message":"The ticket was reopened.","amount":"1.50"}""");

        var line = await OutcomeLineAsync(admin, tenant);
        Assert.Equal(1, line.GetProperty("disputed").GetProperty("open").GetInt32());
        Assert.Equal("1.50", line.GetProperty("disputed").GetProperty("amount").GetString());
        Assert.Contains("1 dispute open, $1.50 in dispute", await InvoiceHtmlAsync(admin, tenant), StringComparison.Ordinal);

        // Closed disputes leave no mark: the line reads as before.
        await PostOkAsync(admin, $"/v1/disputes/{dispute.GetProperty("id").GetString()}/withdraw", "{}");
        Assert.False((await OutcomeLineAsync(admin, tenant)).TryGetProperty("disputed", out _));
        Assert.DoesNotContain("in dispute", await InvoiceHtmlAsync(admin, tenant), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> OutcomeLineAsync(HttpClient admin, string tenant)
    {
        using var response = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "outcome").Clone();
    }

    private static async Task<string> InvoiceHtmlAsync(HttpClient admin, string tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tenants/{tenant}/invoices/2026-11-01");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await admin.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    // A sandbox tenant on the acme contract with `tickets` settled charges of 2.00 USD (clock at 2026-11-06).
    private static async Task<(string Tenant, string[] Charges)> ChargedAsync(HttpClient admin, int tickets, string? terms = null)
    {
        var tenant = await InvoicesApiTests.SandboxAsync(admin, tickets: tickets);
        if (terms is not null)
        {
            (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json($$"""{ {{terms.Trim().TrimEnd(',')}} }"""), Ct)).EnsureSuccessStatusCode();
        }

        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T00:00:00Z");
        var charges = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
        Assert.Equal(tickets, charges.Count);
        Assert.All(charges, c => Assert.Equal("2.00", c.GetProperty("amount").GetString()));
        return (tenant, [.. charges.Select(c => c.GetProperty("id").GetString()!)]);
    }

    private static async Task<JsonElement> OpenAsync(HttpClient client, string charge, string body)
    {
        using var response = await client.PostAsync($"/v1/charges/{charge}/disputes", KeysApiTests.Json(body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"open: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        var dispute = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/v1/disputes/{dispute.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        return dispute;
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string path, string body)
    {
        using var response = await client.PostAsync(path, KeysApiTests.Json(body), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task AssertInvalidAsync(HttpClient client, string path, string body, string field, bool put = false)
    {
        using var response = put ? await client.PutAsync(path, KeysApiTests.Json(body), Ct) : await client.PostAsync(path, KeysApiTests.Json(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {body[..Math.Min(body.Length, 80)]}: {(int)response.StatusCode} {text}");
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("path").GetString() == field);
    }
}
