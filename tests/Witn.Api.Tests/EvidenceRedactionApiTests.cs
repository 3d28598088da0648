using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>
/// A definition with redact: over real HTTP: a charge's evidence is the customer view for read keys (JSON and page),
/// in full for admin keys, and the customer view again when an admin asks for it.
/// </summary>
public sealed class EvidenceRedactionApiTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private const string Email = "ann@example.com";
    private const string Transcript = "Ann: please write to me at ann@example.com";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_read_key_gets_the_customer_view_with_hashes_and_an_admin_key_the_full_bundle()
    {
        using var admin = silo.Client();
        var (tenant, charge) = await SettledChargeAsync(admin);
        using var reader = await ReadKeyAsync(admin, tenant);

        var full = await admin.GetStringAsync($"/v1/charges/{charge}/evidence", Ct);
        var customer = await reader.GetStringAsync($"/v1/charges/{charge}/evidence", Ct);

        Assert.Contains(Email, full, StringComparison.Ordinal);
        Assert.DoesNotContain("redactions", full, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, customer, StringComparison.Ordinal);
        var json = JsonDocument.Parse(customer).RootElement;
        Assert.Equal("customer", json.GetProperty("view").GetString());
        var properties = json.GetProperty("events")[0].GetProperty("properties");
        Assert.Equal("redacted", properties.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal("Ann", properties.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("redacted", properties.GetProperty("transcript").GetString());
        Assert.Equal("redacted", json.GetProperty("dimensions")[0].GetProperty("value").GetString());
        var hashes = json.GetProperty("redactions").EnumerateArray().ToDictionary(r => r.GetProperty("at").GetString()!, r => r.GetProperty("sha256").GetString());
        Assert.Equal(Sha256Hex($"\"{Email}\""), hashes["events[0].properties.customer.email"]);
        Assert.Equal(Sha256Hex($"\"{Transcript}\""), hashes["events[0].properties.transcript"]);
        Assert.Equal(Sha256Hex($"\"{Email}\""), hashes["dimensions[0].value"]);

        // An admin sees what the customer sees by asking for it; the stored bundle is unchanged.
        Assert.Equal(customer, await admin.GetStringAsync($"/v1/charges/{charge}/evidence?view=customer", Ct));
        Assert.Equal(full, await admin.GetStringAsync($"/v1/charges/{charge}/evidence?view=full", Ct));
    }

    [Fact]
    public async Task the_customer_page_never_shows_the_email_and_shows_each_hash_beside_its_path()
    {
        using var admin = silo.Client();
        var (tenant, charge) = await SettledChargeAsync(admin);
        using var reader = await ReadKeyAsync(admin, tenant);

        var customer = await PageAsync(reader, $"/v1/charges/{charge}/evidence");
        var asCustomer = await PageAsync(admin, $"/v1/charges/{charge}/evidence?view=customer");
        var full = await PageAsync(admin, $"/v1/charges/{charge}/evidence");

        Assert.DoesNotContain(Email, customer, StringComparison.Ordinal);
        Assert.DoesNotContain("ann@", customer, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"mono\">customer.email</span> redacted, sha256 <span class=\"mono\">{Sha256Hex($"\"{Email}\"")}</span>", customer, StringComparison.Ordinal);
        Assert.Contains("&quot;email&quot;: &quot;redacted&quot;", customer, StringComparison.Ordinal);
        Assert.Contains($"<tr><th>Dimension customer.email</th><td>redacted (sha256 {Sha256Hex($"\"{Email}\"")})</td></tr>", customer, StringComparison.Ordinal);
        Assert.Equal(customer, asCustomer);
        Assert.Contains(Email, full, StringComparison.Ordinal);
        Assert.DoesNotContain("redaction-note", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_read_key_may_not_ask_for_the_full_view_and_an_unknown_view_names_the_field()
    {
        using var admin = silo.Client();
        var (tenant, charge) = await SettledChargeAsync(admin);
        using var reader = await ReadKeyAsync(admin, tenant);

        using var forbidden = await reader.GetAsync($"/v1/charges/{charge}/evidence?view=full", Ct);
        using var unknown = await admin.GetAsync($"/v1/charges/{charge}/evidence?view=operator", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain(Email, await forbidden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("view", (await forbidden.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetProperty("path").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("view", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task publishing_a_definition_with_a_bad_redact_path_is_a_problem_naming_its_index()
    {
        using var admin = silo.Client();

        using var response = await admin.PutAsync("/v1/outcomes/redact_bad", new StringContent(Definition("redact_bad") + "redact: [customer.email, 'a..b']\n", Encoding.UTF8, "application/yaml"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors")[0];
        Assert.Equal("redact[1]", error.GetProperty("path").GetString());
    }

    [Fact]
    public async Task a_redacted_correlation_is_hidden_on_every_portal_page_that_lists_the_charge()
    {
        using var admin = silo.Client();
        var (tenant, charge) = await SettledChargeAsync(admin, correlateBy: "customer.email");
        using (var opened = await admin.PostAsync($"/v1/charges/{charge}/disputes", KeysApiTests.Json("""{"reason":"duplicate","message":"billed twice"}"""), Ct))
        {
            Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Ct));
        }

        var dispute = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/disputes", Ct)).Single().GetProperty("id").GetString();
        using var browser = Portal.PortalAccount.Browser(silo.BaseAddress);
        var cookie = await Portal.PortalAccount.OpenAsync(browser, await Portal.PortalAccount.LinkAsync(admin, tenant));
        foreach (var path in new[]
        {
            $"/portal/{tenant}/invoices/2026-11-01", $"/portal/{tenant}/invoices/2026-11-01/lines/0", $"/portal/{tenant}/charges/{charge}",
            $"/portal/{tenant}/charges/{charge}/dispute", $"/portal/{tenant}/disputes", $"/portal/{tenant}/disputes/{dispute}",
        })
        {
            var (status, html) = await Portal.PortalAccount.PageAsync(browser, path, cookie);
            Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status}");
            Assert.DoesNotContain("ann@", html, StringComparison.Ordinal);
            Assert.Contains("redacted", html, StringComparison.Ordinal);
        }
    }

    private static string Definition(string name, string correlateBy = "ticket_id") => $"""
        name: {name}
        correlate_by: {correlateBy}
        qualify:
          seen: ticket.closed
          where: {"{"} resolution: solved {"}"}
        settlement:
          window: 1h
        dimensions: [customer.email]

        """;

    /// <summary>A sandbox tenant whose one ticket settled under a definition redacting customer.email and transcript.</summary>
    private static async Task<(string Tenant, string Charge)> SettledChargeAsync(HttpClient admin, string correlateBy = "ticket_id")
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (tenant, outcome) = ($"red-{suffix}", $"redacted_ticket_{suffix}");
        await PutAsync(admin, $"/v1/tenants/{tenant}", """{"name":"Redact Co","sandbox":true,"clock_start":"2026-11-02T10:00:00Z"}""", "application/json");
        await PutAsync(admin, $"/v1/outcomes/{outcome}", Definition(outcome, correlateBy) + "redact: [customer.email, transcript]\n", "application/yaml");
        await PutAsync(admin, $"/v1/tenants/{tenant}/contract", $"""
            tenant: {tenant}
            currency: USD
            effective_from: 2026-11-01
            billing_period: {"{"} every: month, anchor_day: 1, timezone: UTC {"}"}
            prices:
              {outcome}:
                unit_price: 3.00

            """, "application/yaml");
        using var sent = await admin.PostAsync("/v1/events", KeysApiTests.Json($$$"""
            {"events":[{"tenant_id":"{{{tenant}}}","type":"ticket.closed","timestamp":"2026-11-02T09:30:00Z","idempotency_key":"R-1-x",
              "agent":{"id":"support-bot","version":"3.1"},
              "properties":{"ticket_id":"R-1","resolution":"solved","customer":{"email":"{{{Email}}}","name":"Ann"},"transcript":"{{{Transcript}}}"}}]}
            """), Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        using var advance = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json("""{"to":"2026-11-02T11:00:00Z"}"""), Ct);
        Assert.True(advance.IsSuccessStatusCode, await advance.Content.ReadAsStringAsync(Ct));
        var charge = await Eventually.ReturnsAsync(async () =>
        {
            // Definitions are shared by all tenants: this class's earlier ones charge the ticket too.
            var charges = await PagedList.PageAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
            return charges.FirstOrDefault(c => c.GetProperty("outcome").GetString() == outcome) is { ValueKind: JsonValueKind.Object } c ? c.GetProperty("id").GetString() : null;
        }, Deadline, "the ticket's charge");
        return (tenant, charge);
    }

    private async Task<HttpClient> ReadKeyAsync(HttpClient admin, string tenant)
    {
        using var response = await admin.PostAsync("/v1/keys", KeysApiTests.Json($$"""{"name":"reader","scopes":["read"],"tenant_id":"{{tenant}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return silo.Client((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString());
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task PutAsync(HttpClient admin, string path, string body, string mediaType)
    {
        using var response = await admin.PutAsync(path, new StringContent(body, Encoding.UTF8, mediaType), Ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
