using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Witn.Testing;

namespace Witn.Api.Tests.Portal;

/// <summary>
/// A sandbox tenant with settled charges, made through the HTTP API as a vendor would: the ticket definition, the
/// acme contract (2.00 USD a ticket), closed tickets, the test clock moved past their settlement windows (the
/// November period stays open: its invoice is a draft). Also the portal link and the browser's side of it.
/// </summary>
internal static partial class PortalAccount
{
    public const string Period = "2026-11-01";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tenant's id and its charges' ids by ticket.</summary>
    public static async Task<(string Tenant, IReadOnlyDictionary<string, string> Charges)> CreateAsync(HttpClient admin, string name, params string[] tickets)
    {
        var tenant = $"portal-{Guid.NewGuid().ToString("N")[..10]}";
        await PutAsync(admin, $"/v1/tenants/{tenant}", Json(new JsonObject
        {
            ["name"] = name, ["timezone"] = "Europe/Berlin", ["sandbox"] = true, ["clock_start"] = "2026-11-02T10:00:00Z",
        }));
        var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), "ticket_resolved.yaml"), Ct);
        await PutAsync(admin, "/v1/outcomes/ticket_resolved", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var contract = string.Join('\n', (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct))
            .Split('\n').Select(l => l.StartsWith("tenant:", StringComparison.Ordinal) ? $"tenant: {tenant}" : l));
        await PutAsync(admin, $"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"));

        var events = new JsonArray([.. tickets.Select(t => (JsonNode)new JsonObject
        {
            ["tenant_id"] = tenant, ["type"] = "ticket.closed", ["timestamp"] = "2026-11-02T09:30:00Z", ["idempotency_key"] = $"{t}-closed",
            ["agent"] = new JsonObject { ["id"] = "support-bot", ["version"] = "3.1" },
            ["properties"] = new JsonObject { ["ticket_id"] = t, ["resolution"] = "solved" },
        })]);
        using (var sent = await admin.PostAsync("/v1/events", Json(new JsonObject { ["events"] = events }), Ct))
        {
            Assert.True(sent.StatusCode == HttpStatusCode.Accepted, await sent.Content.ReadAsStringAsync(Ct));
        }

        using (var advanced = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", Json(new JsonObject { ["to"] = "2026-11-06T00:00:00Z" }), Ct))
        {
            Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync(Ct));
        }

        var charges = await Eventually.ReturnsAsync(async () =>
        {
            var all = await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct);
            return all.Count == tickets.Length
                ? all.ToDictionary(c => c.GetProperty("correlation").GetString()!, c => c.GetProperty("id").GetString()!)
                : null;
        }, Deadline, $"{tickets.Length} charges of {tenant}");
        return (tenant, charges);
    }

    /// <summary>A portal link of the tenant, through the API.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SessionAsync(HttpClient admin, string tenant, string? body = null)
    {
        using var content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync($"/v1/tenants/{tenant}/portal/sessions", content, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    public static async Task<Uri> LinkAsync(HttpClient admin, string tenant)
    {
        var (status, body) = await SessionAsync(admin, tenant);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return new Uri(body.GetProperty("url").GetString()!);
    }

    /// <summary>A browser-like client that neither follows redirects nor keeps cookies: tests send the cookie themselves.</summary>
    public static HttpClient Browser(Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Opens the link: the session cookie it sets (name=value) and the response.</summary>
    public static async Task<string> OpenAsync(HttpClient browser, Uri link)
    {
        using var opened = await browser.GetAsync(link.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        return Assert.Single(opened.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    public static async Task<(HttpStatusCode Status, string Html)> PageAsync(HttpClient browser, string path, string? cookie, HttpContent? form = null)
    {
        using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, path) { Content = form };
        request.Headers.Accept.ParseAdd("text/html");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await browser.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    /// <summary>The CSRF token in a page's forms.</summary>
    public static string Csrf(string html) => CsrfField().Match(html) is { Success: true } m ? m.Groups["token"].Value : throw new InvalidDataException("the page has no CSRF field");

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task PutAsync(HttpClient admin, string path, HttpContent content)
    {
        using (content)
        {
            using var response = await admin.PutAsync(path, content, Ct);
            Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
    }

    [GeneratedRegex("""<input type="hidden" name="csrf" value="(?<token>[^"]+)"\s*/?>""")]
    private static partial Regex CsrfField();
}
