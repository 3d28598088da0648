using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Testing;
using Witn.Testing.Silo.Providers;

namespace Witn.Api.Tests.Exports;

/// <summary>
/// Past Stripe's 24-hour idempotency key retention a repeated key is a new request: the exporter then finds what
/// Stripe already holds by listing it (metadata), so a write whose answer was lost is not made twice.
/// </summary>
public sealed class ExportLookupTests(LookupSilo silo) : IClassFixture<LookupSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task after_the_keys_expired_a_lost_invoice_and_a_lost_item_are_found_by_listing_not_made_again()
    {
        using var admin = silo.Client();
        // The draft invoice's answer and the first item's answer are lost, and Stripe forgets the keys right after.
        silo.Stripe.Inject(StripeFault.LoseResponse, "POST", "/v1/invoices");
        silo.Stripe.Inject(StripeFault.LoseResponse, "POST", "/v1/invoiceitems");
        silo.Stripe.AfterWrite = _ => silo.Stripe.ForgetKeys();
        var tenant = $"look-{Guid.NewGuid().ToString("N")[..10]}";
        using (var put = await admin.PutAsync($"/v1/tenants/{tenant}", KeysApiTests.Json("""{"name":"Lookup","sandbox":true,"clock_start":"2026-11-02T10:00:00Z","stripe":{"customer_id":"cus_Look1"}}"""), Ct))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        }

        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/v1/tenants/{tenant}/contract", new StringContent(PaymentsTenant.Contract(tenant, minimumCommit: 25.00m), Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        await SandboxCalls.AdvanceAsync(admin, tenant, "2026-12-02T00:00:00Z");
        await SandboxCalls.PostAsync(admin, $"/v1/tenants/{tenant}/invoices/2026-11-01/finalize", "", HttpStatusCode.Created);

        var export = await Eventually.ReturnsAsync<JsonElement?>(async () =>
        {
            using var response = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/2026-11-01", Ct);
            var exports = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("exports");
            return exports.GetArrayLength() == 1 && exports[0].GetProperty("status").GetString() == "exported" ? exports[0].Clone() : null;
        }, TimeSpan.FromSeconds(60), "the export done") ?? default;

        var invoice = Assert.Single(silo.Stripe.Invoices(), i => (string?)i["customer"] == "cus_Look1");
        Assert.Equal(export.GetProperty("provider_id").GetString(), (string?)invoice["id"]);
        var items = silo.Stripe.Items().Where(i => (string?)i["customer"] == "cus_Look1").ToList();
        // The base fee and the minimum's true-up, each once, both on the one invoice.
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal((string?)invoice["id"], (string?)i["invoice"]));
        Assert.Equal(2500L, (long)invoice["total"]!);
        Assert.Contains(silo.Stripe.Requests, r => r.Method == "GET" && r.Path == "/v1/invoices");
        Assert.Contains(silo.Stripe.Requests, r => r.Method == "GET" && r.Path == "/v1/invoiceitems");
    }
}
