using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Witn.Testing;
using Witn.Testing.Silo.Providers;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// Exactly once under SIGKILL: a silo killed after Stripe applied an export's write but before the silo heard the
/// answer resumes after a restart without a second item or invoice (the recorded progress and the idempotency keys).
/// </summary>
public sealed class ExportCrashTests
{
    private const string Tenant = "export-crash";

    [Fact]
    public async Task a_silo_killed_mid_export_exports_no_item_or_invoice_twice_after_restart()
    {
        await using var stripe = new FakeStripe();
        await stripe.InitializeAsync();
        var environment = new Dictionary<string, string>
        {
            ["WITN_STRIPE_API_KEY"] = FakeStripe.Key,
            ["WITN_STRIPE_API_BASE"] = stripe.BaseAddress.ToString(),
            ["Witn__Exports__PollInterval"] = "00:00:00.200",
            ["Witn__Exports__RequestTimeout"] = "00:00:02",
            ["Witn__Exports__Lease"] = "00:00:05",
            ["Witn__Webhooks__PollInterval"] = "00:00:00.200",
        };
        await using var dir = new TempDataDir();
        int[] ports;
        var silo0Output = "";
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var silo = SiloProcess.Start(dir.Path, environment: environment))
        {
            await silo.WaitUntilReadyAsync();
            ports = silo.Ports;
            // The first item Stripe applies is never answered: the silo dies first.
            stripe.AfterWrite = request =>
            {
                if (request.Path == "/v1/invoiceitems" && !killed.Task.IsCompleted)
                {
                    Process.GetProcessById(silo.Pid).Kill();
                    killed.TrySetResult();
                }
            };
            using var admin = await silo.AuthorizedAsync();
            await InvoiceAsync(admin);
            await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Eventually.HoldsAsync(() => Task.FromResult(silo.HasExited), TimeSpan.FromSeconds(30), "the silo killed");
            silo0Output = silo.Output;
        }

        stripe.AfterWrite = null;
        Assert.DoesNotContain(FakeStripe.Key, silo0Output, StringComparison.Ordinal);
        var applied = stripe.Items().Count;
        Assert.Equal(1, applied);
        await using var restarted = SiloProcess.Start(dir.Path, environment: environment, ports: ports);
        await restarted.WaitUntilReadyAsync();
        using var client = await restarted.AuthorizedAsync();
        var export = await Eventually.ReturnsAsync<JsonElement?>(async () =>
        {
            using var response = await client.GetAsync($"/v1/tenants/{Tenant}/invoices/2026-11-01");
            var exports = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("exports");
            return exports.GetArrayLength() == 1 && exports[0].GetProperty("status").GetString() == "exported" ? exports[0].Clone() : null;
        }, TimeSpan.FromSeconds(90), "the export done after the restart") ?? default;

        var invoice = Assert.Single(stripe.Invoices());
        Assert.Equal(export.GetProperty("provider_id").GetString(), (string?)invoice["id"]);
        var items = stripe.Items();
        Assert.Equal(2, items.Count); // the base fee and the tickets: each once
        Assert.Equal(items.Count, items.Select(i => (string?)i["metadata"]!["witn_line"]).Distinct().Count());
        Assert.All(items, i => Assert.Equal((string?)invoice["id"], (string?)i["invoice"]));
        Assert.Equal(1750L, (long)invoice["total"]!);
        // The key is used, never shown: not in either silo's output.
        Assert.DoesNotContain(FakeStripe.Key, restarted.Output, StringComparison.Ordinal);
    }

    private static async Task InvoiceAsync(HttpClient admin)
    {
        Ok(await admin.PutAsync($"/v1/tenants/{Tenant}", Json("""{"name":"Export crash","sandbox":true,"clock_start":"2026-11-02T10:00:00Z","stripe":{"customer_id":"cus_Crash1"}}""")));
        var definition = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"));
        Ok(await admin.PutAsync("/v1/outcomes/ticket_resolved", new StringContent(definition, Encoding.UTF8, "application/yaml")));
        Ok(await admin.PutAsync($"/v1/tenants/{Tenant}/contract", new StringContent(PaymentsTenant.Contract(Tenant), Encoding.UTF8, "application/yaml")));
        var events = string.Join(',', Enumerable.Range(1, 3).Select(n => PaymentsTenant.TicketClosed(Tenant, $"T-{n}", $"2026-11-02T09:0{n}:00Z")));
        Ok(await admin.PostAsync("/v1/events", Json($$"""{"events":[{{events}}]}""")));
        Ok(await admin.PostAsync($"/v1/tenants/{Tenant}/clock/advance", Json("""{"to":"2026-11-06T00:00:00Z"}""")));
        await Eventually.HoldsAsync(async () => (await PagedList.AllAsync(admin, $"/v1/tenants/{Tenant}/charges", CancellationToken.None)).Count == 3, TimeSpan.FromSeconds(60), "three charges");
        Ok(await admin.PostAsync($"/v1/tenants/{Tenant}/clock/advance", Json("""{"to":"2026-12-02T00:00:00Z"}""")));
        using var finalized = await admin.PostAsync($"/v1/tenants/{Tenant}/invoices/2026-11-01/finalize", null);
        Assert.Equal(HttpStatusCode.Created, finalized.StatusCode);
    }

    private static void Ok(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        }
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
