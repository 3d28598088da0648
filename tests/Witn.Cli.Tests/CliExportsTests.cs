using System.Text;
using System.Text.Json;
using Witn.Cli.Exit;
using Witn.Testing;
using Witn.Testing.Silo.Providers;

namespace Witn.Cli.Tests;

/// <summary><c>witn exports</c> and <c>witn reconcile</c> as a process against a real silo connected to a fake Stripe.</summary>
public sealed class CliExportsTests(PaymentsSilo silo) : IClassFixture<PaymentsSilo>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly CliProcess _cli = new(silo.BaseAddress, silo.AdminKey);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Exports_show_the_stripe_invoice_and_reconcile_exits_1_once_stripe_holds_another_amount()
    {
        const string Tenant = "cli-pay";
        using var admin = silo.Client();
        await SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{Tenant}", """{"name":"CLI pay","sandbox":true,"clock_start":"2026-11-02T10:00:00Z","stripe":{"customer_id":"cus_Cli1"}}""");
        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        (await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        var contract = PaymentsTenant.Contract(Tenant);
        (await admin.PutAsync($"/v1/tenants/{Tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"), Ct)).EnsureSuccessStatusCode();
        await SendAsync(admin, HttpMethod.Post, $"/v1/tenants/{Tenant}/clock/advance", """{"to":"2026-12-02T00:00:00Z"}""");
        await SendAsync(admin, HttpMethod.Post, $"/v1/tenants/{Tenant}/invoices/2026-11-01/finalize", null);

        var shown = await Eventually.ReturnsAsync(async () =>
        {
            var run = await _cli.RunAsync("exports", "show", "--tenant", Tenant, "2026-11-01");
            return run.ExitCode == ExitCodes.Ok && run.Out.Contains("exported", StringComparison.Ordinal) ? run : null;
        }, Deadline, "the invoice exported");
        var stripeInvoice = Assert.Single(silo.Stripe.Invoices(), i => (string?)i["customer"] == "cus_Cli1");
        Assert.Contains((string)stripeInvoice["id"]!, shown!.Out, StringComparison.Ordinal);

        var clean = await _cli.RunAsync("reconcile", "--provider", "stripe", "--tenant", Tenant);
        Assert.True(clean.ExitCode == ExitCodes.Ok, clean.ToString());
        Assert.Contains("every line matches", clean.Out, StringComparison.Ordinal);

        var item = silo.Stripe.Items().First(i => (string?)i["invoice"] == (string?)stripeInvoice["id"]);
        silo.Stripe.ChangeItemAmount((string)item["id"]!, 999);
        var changed = await _cli.RunAsync("reconcile", "--provider", "stripe", "--tenant", Tenant, "--json");
        Assert.True(changed.ExitCode == ExitCodes.Failed, changed.ToString());
        var finding = JsonDocument.Parse(changed.Out).RootElement.GetProperty("findings").GetProperty("data").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "amount_mismatch");
        Assert.Equal("9.99", finding.GetProperty("provider_amount").GetString());
    }

    private static async Task SendAsync(HttpClient admin, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await admin.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }
}
