using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Witn.Testing;
using Witn.Testing.Silo.Providers;

namespace Witn.Api.Tests.Exports;

/// <summary>
/// Finalized invoices handed to a fake Stripe and settled charges to a fake Lago through the real silo, with faults
/// injected at every step; reconciliation of what they hold with the ledger.
/// </summary>
public sealed class ExportsApiTests(PaymentsSilo silo, WebhookReceiver receiver) : IClassFixture<PaymentsSilo>, IClassFixture<WebhookReceiver>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task every_invoice_is_exported_to_stripe_exactly_once_with_faults_at_every_step()
    {
        using var admin = silo.Client();
        // Every step fails once or more: the draft invoice (500, then a lost answer), the items (429 with Retry-After,
        // a lost answer, a slow answer past the client's timeout) and the finalization (a lost answer).
        silo.Stripe.Inject(StripeFault.ServerError, "POST", "/v1/invoices");
        silo.Stripe.Inject(StripeFault.LoseResponse, "POST", "/v1/invoices");
        silo.Stripe.Inject(StripeFault.TooManyRequests, "POST", "/v1/invoiceitems");
        silo.Stripe.Inject(StripeFault.LoseResponse, "POST", "/v1/invoiceitems");
        silo.Stripe.Inject(StripeFault.Slow, "POST", "/v1/invoiceitems");
        silo.Stripe.Inject(StripeFault.LoseResponse, "POST", "/v1/invoices/");
        var (tenant, invoice) = await InvoicedTenantAsync(admin, """{"customer_id":"cus_Exactly1","auto_advance":true}""", null);

        var export = await ExportedAsync(admin, tenant, "stripe");
        var mine = silo.Stripe.Invoices().Where(i => (string?)i["metadata"]!["witn_invoice_id"] == invoice.GetProperty("id").GetString()).ToList();
        var stripeInvoice = Assert.Single(mine);
        Assert.Equal(export.GetProperty("provider_id").GetString(), (string?)stripeInvoice["id"]);
        Assert.Equal("open", (string?)stripeInvoice["status"]);
        Assert.True(export.GetProperty("attempts").GetInt32() > 1, export.ToString());

        var items = silo.Stripe.Items().Where(i => (string?)i["invoice"] == (string?)stripeInvoice["id"]).ToList();
        var lines = invoice.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("amount").GetString() != "0.00").ToList();
        Assert.Equal(lines.Count, items.Count);
        foreach (var line in lines)
        {
            var item = Assert.Single(items, i => (string?)i["metadata"]!["witn_line"] == line.GetProperty("line").GetInt32().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(Minor(line.GetProperty("amount").GetString()!), (long)item["amount"]!);
            Assert.Equal("usd", (string?)item["currency"]);
        }

        Assert.Equal(Minor(invoice.GetProperty("total").GetString()!), (long)stripeInvoice["total"]!);
        Assert.DoesNotContain(silo.Stripe.Items(), i => (string?)i["customer"] == "cus_Exactly1" && i["invoice"] is null);
    }

    [Fact]
    public async Task stripe_requests_have_the_shapes_of_the_client_librarys_options()
    {
        using var admin = silo.Client();
        var (tenant, _) = await InvoicedTenantAsync(admin, """{"customer_id":"cus_Shapes1","collection":"send_invoice","days_until_due":14}""", null);
        var export = await ExportedAsync(admin, tenant, "stripe");
        var stripeInvoice = export.GetProperty("provider_id").GetString()!;
        var writes = silo.Stripe.Requests.Where(r => r.Method == "POST" && r.Status == 200 &&
            (r.Form.GetValueOrDefault("customer") == "cus_Shapes1" || r.Path == $"/v1/invoices/{stripeInvoice}/finalize")).ToList();
        foreach (var (path, options, fixture) in new[]
        {
            ("/v1/invoices", typeof(Stripe.InvoiceCreateOptions), "invoice-create.txt"),
            ("/v1/invoiceitems", typeof(Stripe.InvoiceItemCreateOptions), "invoiceitem-create.txt"),
            ($"/v1/invoices/{stripeInvoice}/finalize", typeof(Stripe.InvoiceFinalizeOptions), "invoice-finalize.txt"),
        })
        {
            var request = writes.First(r => r.Path == path);
            var fields = request.Form.Keys.Select(k => k.Split('[')[0]).Distinct().Order(StringComparer.Ordinal).ToArray();
            // The recorded exchange: the field names sent (metadata keys included), as checked in.
            var sent = request.Form.Keys.Order(StringComparer.Ordinal).ToArray();
            if (Environment.GetEnvironmentVariable("WITN_RECORD_FIXTURES") is { Length: > 0 } folder)
            {
                // Recording (WITN_RECORD_FIXTURES=<this project's Fixtures/stripe folder>): writes what was sent, to review and check in.
                await File.WriteAllLinesAsync(Path.Combine(folder, fixture), [$"# {request.Method} {request.Path.Replace(stripeInvoice, "{id}", StringComparison.Ordinal)}: the form fields Stripe.net sent", .. sent], Ct);
            }

            var recorded = Environment.GetEnvironmentVariable("WITN_RECORD_FIXTURES") is { Length: > 0 } written ? written : Path.Combine(AppContext.BaseDirectory, "Fixtures", "stripe");
            var expected = (await File.ReadAllLinesAsync(Path.Combine(recorded, fixture), Ct)).Where(l => l.Length > 0 && l[0] != '#').ToArray();
            Assert.Equal(expected, sent);
            // Each top-level field is a parameter of the official client's options for that endpoint.
            var known = options.GetProperties().SelectMany(p => p.GetCustomAttributesData()).Where(a => a.AttributeType.Name.StartsWith("JsonProperty", StringComparison.Ordinal))
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value as string).OfType<string>().ToHashSet(StringComparer.Ordinal);
            Assert.All(fields, f => Assert.Contains(f, known));
            Assert.NotNull(request.IdempotencyKey);
        }
    }

    [Fact]
    public async Task a_refused_export_fails_with_the_providers_message_and_is_announced_and_a_retry_after_the_fix_exports_it()
    {
        using var admin = silo.Client();
        var hook = $"/export-failed-{Guid.NewGuid():N}";
        using (var registered = await admin.PostAsync("/v1/webhooks", KeysApiTests.Json($$"""{"url":"{{receiver.Url(hook)}}","events":["export.failed"]}"""), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var (tenant, _) = await InvoicedTenantAsync(admin, $$"""{"customer_id":"{{FakeStripe.MissingCustomer}}"}""", null);
        var failed = await Eventually.ReturnsAsync<JsonElement?>(async () =>
            (await ExportsAsync(admin, tenant)).FirstOrDefault(e => e.GetProperty("provider").GetString() == "stripe" && e.GetProperty("status").GetString() == "failed") is { ValueKind: JsonValueKind.Object } e ? e : null,
            Deadline, "the export failed") ?? default;
        Assert.Contains("No such customer", failed.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        var announced = await Eventually.ReturnsAsync<JsonNode?>(() => Task.FromResult(receiver.At(hook).Select(w => JsonNode.Parse(w.Body))
            .FirstOrDefault(b => (string?)b!["tenant_id"] == tenant)), Deadline, "webhook export.failed");
        Assert.Equal("export.failed", (string?)announced!["type"]);
        Assert.Equal(failed.GetProperty("id").GetString(), (string?)announced["data"]!["id"]);
        Assert.Equal("failed", (string?)announced["data"]!["status"]);

        (await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"stripe":{"customer_id":"cus_Fixed1"}}"""), Ct)).EnsureSuccessStatusCode();
        var retried = await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/exports/stripe/retry", "", HttpStatusCode.OK);
        Assert.Equal(1, retried.GetProperty("retried").GetInt32());
        await ExportedAsync(admin, tenant, "stripe");
        Assert.Single(silo.Stripe.Invoices(), i => (string?)i["customer"] == "cus_Fixed1");

        var unknown = await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/exports/paypal/retry", "", HttpStatusCode.BadRequest);
        Assert.Equal("provider", unknown.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task reconciliation_matches_every_line_and_finds_one_changed_behind_our_back()
    {
        using var admin = silo.Client();
        var (tenant, invoice) = await InvoicedTenantAsync(admin, """{"customer_id":"cus_Recon1"}""", null);
        var export = await ExportedAsync(admin, tenant, "stripe");
        var lines = invoice.GetProperty("lines").EnumerateArray().Count(l => l.GetProperty("amount").GetString() != "0.00");

        var clean = await ReconcileAsync(admin, "stripe", tenant);
        Assert.Equal(lines, clean.GetProperty("counts").GetProperty("matched").GetInt64());
        Assert.Single(clean.GetProperty("counts").EnumerateObject());

        var item = silo.Stripe.Items().First(i => (string?)i["invoice"] == export.GetProperty("provider_id").GetString());
        silo.Stripe.ChangeItemAmount((string)item["id"]!, (long)item["amount"]! + 1);
        // Over every period: a run of one period does not speak for the others, so only such a run drives the alert.
        var changed = await ReconcileAsync(admin, "stripe", tenant, period: null);
        Assert.Equal(1, changed.GetProperty("counts").GetProperty("amount_mismatch").GetInt64());
        // The mismatch raises the built-in alert at the tenant's next evaluation (a sandbox tenant's clock advance).
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-12-03T00:00:00Z");
        var fired = await PagedList.AllAsync(admin, $"/v1/alerts/reconciliation-mismatch/history?tenant={tenant}", Ct);
        Assert.Equal("triggered", Assert.Single(fired).GetProperty("kind").GetString());
        var findings = await PagedList.AllAsync(admin, $"/v1/reconciliations/{changed.GetProperty("id").GetString()}/findings?kind=amount_mismatch", Ct);
        var finding = Assert.Single(findings);
        Assert.Equal((string)item["id"]!, finding.GetProperty("provider_ref").GetString());
        Assert.Equal(Minor(finding.GetProperty("ledger_amount").GetString()!) + 1, Minor(finding.GetProperty("provider_amount").GetString()!));
        Assert.Equal(invoice.GetProperty("number").GetString(), finding.GetProperty("invoice_number").GetString());

        var bad = await SandboxCalls.PostAsync(admin, "/v1/reconciliations", """{"provider":"paypal","period":"November"}""", HttpStatusCode.BadRequest);
        Assert.Equal(["provider", "period"], bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task settled_charges_reach_lago_once_even_when_an_answer_is_lost_and_reconcile()
    {
        using var admin = silo.Client();
        silo.Lago.LoseNextAnswer();
        var (tenant, _) = await InvoicedTenantAsync(admin, null, """{"external_customer_id":"acme-lago"}""");
        var exports = await Eventually.ReturnsAsync<List<JsonElement>?>(async () =>
        {
            var lago = (await ExportsAsync(admin, tenant)).Where(e => e.GetProperty("provider").GetString() == "lago").ToList();
            return lago.Count == 3 && lago.All(e => e.GetProperty("status").GetString() == "exported") ? lago : null;
        }, Deadline, "three charges exported to Lago") ?? [];
        var events = silo.Lago.Events.Where(e => (string?)e["external_customer_id"] == "acme-lago").ToList();
        Assert.Equal(3, events.Count);
        Assert.Equal(exports.Select(e => e.GetProperty("subject_id").GetString()).Order(StringComparer.Ordinal), events.Select(e => (string?)e["transaction_id"]).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal("ticket_resolved", (string?)e["code"]));

        var run = await ReconcileAsync(admin, "lago", tenant);
        Assert.Equal(3, run.GetProperty("counts").GetProperty("matched").GetInt64());
        silo.Lago.ChangeAmount((string)events[0]["transaction_id"]!, 1);
        var changed = await ReconcileAsync(admin, "lago", tenant);
        Assert.Equal(1, changed.GetProperty("counts").GetProperty("amount_mismatch").GetInt64());
    }

    [Fact]
    public async Task a_credit_after_finalization_is_a_credit_note_while_the_stripe_invoice_is_open_and_a_negative_item_on_the_next_once_it_is_paid()
    {
        using var admin = silo.Client();
        var (tenant, _) = await InvoicedTenantAsync(admin, """{"customer_id":"cus_Credit1"}""", null);
        var november = (await ExportedAsync(admin, tenant, "stripe")).GetProperty("provider_id").GetString()!;

        // T-1 reopened after November was final: its credit lands on December, and November's Stripe invoice is open.
        // The credit note's answer is lost and the customer pays at that moment: the retry must not take the other
        // route (a negative item on December as well), it finds its note.
        silo.Stripe.Inject(StripeFault.LoseResponse, "POST", "/v1/credit_notes");
        silo.Stripe.AfterWrite = request =>
        {
            if (request.Path == "/v1/credit_notes")
            {
                silo.Stripe.MarkPaid(november);
            }
        };
        await SandboxCalls.SendAsync(admin, [Reopened(tenant, "T-1", "2026-11-20T00:00:00Z")]);
        var noted = await CreditExportAsync(admin, tenant, 1);
        silo.Stripe.AfterWrite = null;
        Assert.True(noted.GetProperty("attempts").GetInt32() > 1, noted.ToString());
        Assert.Equal("credit_note", noted.GetProperty("method").GetString());
        var note = Assert.Single(silo.Stripe.CreditNotes(), n => (string?)n["invoice"] == november);
        Assert.Equal(noted.GetProperty("provider_id").GetString(), (string?)note["id"]);
        Assert.Equal(250L, (long)note["amount"]!);
        Assert.Equal("order_change", (string?)note["reason"]);
        Assert.StartsWith("Witn credit for charge", (string?)note["memo"], StringComparison.Ordinal);

        // Paid now: T-2's credit waits for the next invoice, where it is a negative item (T-1's is not sent twice).
        silo.Stripe.MarkPaid(november);
        await SandboxCalls.SendAsync(admin, [Reopened(tenant, "T-2", "2026-11-21T00:00:00Z")]);
        var carried = await CreditExportAsync(admin, tenant, 2);
        Assert.Equal("next_invoice", carried.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, carried.GetProperty("provider_id").ValueKind);
        Assert.Single(silo.Stripe.CreditNotes(), n => (string?)n["invoice"] == november);

        await SandboxCalls.AdvanceAsync(admin, tenant, "2027-01-02T00:00:00Z");
        var december = await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-12-01/finalize", "", HttpStatusCode.Created);
        Assert.Equal("-5.00", december.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "credit").GetProperty("amount").GetString());
        var decemberExport = await ExportedAsync(admin, tenant, "stripe", "2026-12-01");
        var items = silo.Stripe.Items().Where(i => (string?)i["invoice"] == decemberExport.GetProperty("provider_id").GetString()).ToList();
        var credit = Assert.Single(items, i => (string?)i["metadata"]!["witn_kind"] == "credit");
        Assert.Equal(-250L, (long)credit["amount"]!);
        Assert.Equal("250", (string?)credit["metadata"]!["witn_credit_noted_minor"]);

        var run = await ReconcileAsync(admin, "stripe", tenant, period: null);
        Assert.Equal(["matched"], run.GetProperty("counts").EnumerateObject().Select(p => p.Name));
        // November's 2 lines, December's 2 and the credit note.
        Assert.Equal(5, run.GetProperty("counts").GetProperty("matched").GetInt64());
    }

    private static async Task<JsonElement> CreditExportAsync(HttpClient admin, string tenant, int count) =>
        await Eventually.ReturnsAsync<JsonElement?>(async () =>
        {
            var credits = (await ExportsAsync(admin, tenant)).Where(e => e.GetProperty("subject").GetString() == "credit").ToList();
            return credits.Count == count && credits[^1].GetProperty("status").GetString() == "exported" ? credits[^1] : null;
        }, Deadline, $"credit export {count} done") ?? default;

    private static string Reopened(string tenant, string ticket, string at) =>
        $$$"""{"tenant_id":"{{{tenant}}}","type":"ticket.reopened","timestamp":"{{{at}}}","idempotency_key":"{{{ticket}}}-reopened","properties":{"ticket_id":"{{{ticket}}}"}}""";

    [Fact]
    public async Task stripe_and_lago_settings_are_checked_and_shown()
    {
        using var admin = silo.Client();
        var tenant = $"pay-{Guid.NewGuid().ToString("N")[..10]}";
        using var bad = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Pay","stripe":{"customer_id":"acme","collection":"wire","days_until_due":3},"lago":{}}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await KeysApiTests.ProblemAsync(bad);
        Assert.Equal(["stripe.customer_id", "stripe.collection", "stripe.days_until_due", "lago.external_customer_id"],
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));

        using var good = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Pay","stripe":{"customer_id":"cus_Pay1","collection":"send_invoice"}}"""), Ct);
        var shown = JsonDocument.Parse(await good.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("""{"customer_id":"cus_Pay1","collection":"send_invoice","days_until_due":30,"auto_advance":true}""", shown.GetProperty("stripe").GetRawText());
        using var removed = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"stripe":{"customer_id":"none"}}"""), Ct);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await removed.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("stripe").ValueKind);
    }

    /// <summary>
    /// A new sandbox tenant (clock from 2026-11-02 10:00) with the given stripe and lago settings, three tickets
    /// resolved and settled in November, and November finalized: the tenant and the final invoice's document.
    /// </summary>
    private static async Task<(string Tenant, JsonElement Invoice)> InvoicedTenantAsync(HttpClient admin, string? stripe, string? lago)
    {
        var tenant = $"pay-{Guid.NewGuid().ToString("N")[..10]}";
        var settings = (stripe is null ? "" : $",\"stripe\":{stripe}") + (lago is null ? "" : $",\"lago\":{lago}");
        using (var put = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json($$"""{"name":"Payments","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"{{settings}}}"""), Ct))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        }

        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        var contract = PaymentsTenant.Contract(tenant);
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        await SandboxCalls.SendAsync(admin, [.. Enumerable.Range(1, 3).Select(n => PaymentsTenant.TicketClosed(tenant, $"T-{n}", "2026-11-02T09:0" + n + ":00Z"))]);
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-11-06T00:00:00Z");
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct)).Count == 3, Deadline, "three charges");
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-12-02T00:00:00Z");
        var invoice = await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/finalize", "", HttpStatusCode.Created);
        if (!invoice.TryGetProperty("id", out _))
        {
            // The document names its number; the export's metadata names the invoice's id, which the exports list carries.
            var withId = JsonNode.Parse(invoice.GetRawText())!.AsObject();
            withId["id"] = await InvoiceIdAsync(admin, tenant, stripe is not null);
            invoice = JsonDocument.Parse(withId.ToJsonString()).RootElement.Clone();
        }

        return (tenant, invoice);
    }

    private static async Task<string?> InvoiceIdAsync(HttpClient admin, string tenant, bool stripe) =>
        !stripe ? null : await Eventually.ReturnsAsync<string?>(async () =>
            (await ExportsAsync(admin, tenant)).FirstOrDefault(e => e.GetProperty("provider").GetString() == "stripe") is { ValueKind: JsonValueKind.Object } e
                ? e.GetProperty("subject_id").GetString() : null, Deadline, "the invoice's Stripe export");

    private static async Task<IReadOnlyList<JsonElement>> ExportsAsync(HttpClient admin, string tenant, string period = "2026-11-01")
    {
        using var response = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/{period}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("exports").EnumerateArray().Select(e => e.Clone())];
    }

    private static async Task<JsonElement> ExportedAsync(HttpClient admin, string tenant, string provider, string period = "2026-11-01") =>
        await Eventually.ReturnsAsync<JsonElement?>(async () =>
        {
            var export = (await ExportsAsync(admin, tenant, period)).FirstOrDefault(e => e.GetProperty("provider").GetString() == provider && e.GetProperty("subject").GetString() != "credit");
            if (export.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            Assert.True(export.GetProperty("status").GetString() is "pending" or "exported", export.ToString());
            return export.GetProperty("status").GetString() == "exported" ? export : null;
        }, Deadline, $"the {provider} export done") ?? default;

    private static async Task<JsonElement> ReconcileAsync(HttpClient admin, string provider, string tenant, string? period = "2026-11-01")
    {
        var scope = period is null ? "" : $",\"period\":\"{period}\"";
        var started = await SandboxCalls.PostAsync(admin, "/v1/reconciliations", $$"""{"provider":"{{provider}}"{{scope}},"tenants":["{{tenant}}"]}""", HttpStatusCode.Accepted);
        var id = started.GetProperty("id").GetString();
        return await Eventually.ReturnsAsync<JsonElement?>(async () =>
        {
            using var response = await admin.GetAsync($"/v1/reconciliations/{id}", Ct);
            var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
            Assert.NotEqual("failed", run.GetProperty("status").GetString());
            return run.GetProperty("status").GetString() == "done" ? run : null;
        }, Deadline, $"reconciliation {id} done") ?? default;
    }

    private static long Minor(string amount) => (long)(decimal.Parse(amount, CultureInfo.InvariantCulture) * 100);
}
