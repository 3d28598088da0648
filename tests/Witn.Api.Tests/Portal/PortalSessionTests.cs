using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Witn.Testing;

namespace Witn.Api.Tests.Portal;

/// <summary>
/// The customer portal over HTTP: the session route, what opening a link does, expired and forged links, the CSRF
/// check on every form, and that a session sees only its own tenant (another tenant's ids are a 404 page).
/// </summary>
public sealed class PortalSessionTests(PortalClockSilo silo) : IClassFixture<PortalClockSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_session_is_a_signed_link_of_at_most_24_hours_for_the_tenant()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("portal-link", Ct);

        var (status, body) = await PortalAccount.SessionAsync(admin, "portal-link");
        Assert.Equal(HttpStatusCode.Created, status);
        var url = new Uri(body.GetProperty("url").GetString()!);
        Assert.Equal((silo.BaseAddress.Authority, "/portal/open"), (url.Authority, url.AbsolutePath));
        Assert.StartsWith("?token=", url.Query, StringComparison.Ordinal);
        Assert.Equal(silo.Time.GetUtcNow().AddHours(1), body.GetProperty("expires_at").GetDateTimeOffset());

        var (day, dayBody) = await PortalAccount.SessionAsync(admin, "portal-link", """{"ttl":"24h"}""");
        Assert.Equal(HttpStatusCode.Created, day);
        Assert.Equal(silo.Time.GetUtcNow().AddDays(1), dayBody.GetProperty("expires_at").GetDateTimeOffset());

        foreach (var ttl in new[] { "25h", "2d", "0s", "an hour", "1.5h" })
        {
            var (refused, problem) = await PortalAccount.SessionAsync(admin, "portal-link", $$"""{"ttl":"{{ttl}}"}""");
            Assert.Equal(HttpStatusCode.BadRequest, refused);
            Assert.Equal("ttl", problem.GetProperty("errors")[0].GetProperty("path").GetString());
        }

        var (unknownField, unknownProblem) = await PortalAccount.SessionAsync(admin, "portal-link", """{"tll":"1h"}""");
        Assert.Equal(HttpStatusCode.BadRequest, unknownField);
        Assert.Contains("tll", unknownProblem.ToString(), StringComparison.Ordinal);

        var (missing, _) = await PortalAccount.SessionAsync(admin, "portal-nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task opening_the_link_sets_an_http_only_lax_cookie_for_the_tenants_pages_and_redirects_to_a_url_without_the_token()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("portal-open", Ct);
        var link = await PortalAccount.LinkAsync(admin, "portal-open");
        using var browser = PortalAccount.Browser(silo.BaseAddress);

        using var opened = await browser.GetAsync(link.PathAndQuery, Ct);

        Assert.Equal(HttpStatusCode.SeeOther, opened.StatusCode);
        Assert.Equal("/portal/portal-open", opened.Headers.Location?.OriginalString);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("witn_portal=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/portal/portal-open", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here; Secure behind TLS

        var (status, html) = await PortalAccount.PageAsync(browser, "/portal/portal-open", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1>Invoices</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Test tenant", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_link_or_session_past_its_end_shows_the_expired_page_with_401()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("portal-expiry", Ct);
        var (_, body) = await PortalAccount.SessionAsync(admin, "portal-expiry", """{"ttl":"10m"}""");
        var link = new Uri(body.GetProperty("url").GetString()!);
        using var browser = PortalAccount.Browser(silo.BaseAddress);
        var cookie = await PortalAccount.OpenAsync(browser, link);

        silo.Time.Advance(TimeSpan.FromMinutes(10));

        var (linkStatus, linkPage) = await PortalAccount.PageAsync(browser, link.PathAndQuery, null);
        Assert.Equal(HttpStatusCode.Unauthorized, linkStatus);
        Assert.Contains("link to your billing portal has expired or is not valid; ask Example Agents for a new one", WebUtility.HtmlDecode(linkPage), StringComparison.OrdinalIgnoreCase);
        var (pageStatus, page) = await PortalAccount.PageAsync(browser, "/portal/portal-expiry", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, pageStatus);
        Assert.Contains("<h1>This link has expired or is not valid</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_forged_tampered_or_malformed_link_shows_the_expired_page_never_an_error()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("portal-forged", Ct);
        var link = await PortalAccount.LinkAsync(admin, "portal-forged");
        var token = Uri.UnescapeDataString(link.Query["?token=".Length..]);
        var (payload, mac) = (token[..token.IndexOf('.', StringComparison.Ordinal)], token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        // The same payload naming another tenant, with the original signature.
        var otherTenant = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(payload)).Replace("portal-forged", "portal-other", StringComparison.Ordinal)));
        using var browser = PortalAccount.Browser(silo.BaseAddress);

        foreach (var forged in new[] { $"{otherTenant}.{mac}", $"{payload}.{mac[..^2]}AA", payload, "", "not a token", "%%%", new string('a', 5000), $"{payload}.{mac}.{mac}" })
        {
            var (status, html) = await PortalAccount.PageAsync(browser, $"/portal/open?token={Uri.EscapeDataString(forged)}", null);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{forged}: {(int)status}");
            Assert.Contains("<h1>This link has expired or is not valid</h1>", html, StringComparison.Ordinal);

            var (cookieStatus, _) = await PortalAccount.PageAsync(browser, "/portal/portal-forged", $"witn_portal={Uri.EscapeDataString(forged)}");
            Assert.Equal(HttpStatusCode.Unauthorized, cookieStatus);
        }

        var (none, _) = await PortalAccount.PageAsync(browser, "/portal/portal-forged", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none);
    }

    [Fact]
    public async Task a_form_without_this_sessions_csrf_token_is_refused_with_a_403_page()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await PortalAccount.CreateAsync(admin, "Csrf Corp", "CS-1");
        using var browser = PortalAccount.Browser(silo.BaseAddress);
        var cookie = await PortalAccount.OpenAsync(browser, await PortalAccount.LinkAsync(admin, tenant));
        var other = await PortalAccount.OpenAsync(browser, await PortalAccount.LinkAsync(admin, tenant));
        var (_, otherForm) = await PortalAccount.PageAsync(browser, $"/portal/{tenant}/charges/{charges["CS-1"]}/dispute", other);
        var path = $"/portal/{tenant}/charges/{charges["CS-1"]}/dispute";

        foreach (var csrf in new string?[] { null, "", "forged", PortalAccount.Csrf(otherForm) })
        {
            var fields = new List<(string, string)> { ("reason", "not_achieved"), ("message", "the ticket was reopened") };
            if (csrf is not null)
            {
                fields.Add(("csrf", csrf));
            }

            var (status, html) = await PortalAccount.PageAsync(browser, path, cookie, PortalAccount.Form([.. fields]));
            Assert.True(status == HttpStatusCode.Forbidden, $"csrf '{csrf}': {(int)status}");
            Assert.Contains("security token", html, StringComparison.Ordinal);
        }

        // Nothing was opened: the form is still offered.
        var (formStatus, form) = await PortalAccount.PageAsync(browser, path, cookie);
        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.DoesNotContain("already has an open dispute", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_session_sees_only_its_tenant_and_another_tenants_ids_are_not_found()
    {
        using var admin = silo.Client();
        var (mine, myCharges) = await PortalAccount.CreateAsync(admin, "Mine Inc", "MINE-1");
        var (theirs, theirCharges) = await PortalAccount.CreateAsync(admin, "Theirs Ltd", "THEIRS-1");
        using var browser = PortalAccount.Browser(silo.BaseAddress);
        var cookie = await PortalAccount.OpenAsync(browser, await PortalAccount.LinkAsync(admin, mine));

        // My pages open; the same ids under my portal, or my cookie sent to their portal, are not found.
        foreach (var path in new[] { $"/portal/{mine}/invoices/{PortalAccount.Period}", $"/portal/{mine}/charges/{myCharges["MINE-1"]}", $"/portal/{mine}/charges/{myCharges["MINE-1"]}/dispute" })
        {
            Assert.Equal(HttpStatusCode.OK, (await PortalAccount.PageAsync(browser, path, cookie)).Status);
        }

        var theirCharge = theirCharges["THEIRS-1"];
        foreach (var path in new[]
        {
            $"/portal/{mine}/charges/{theirCharge}", $"/portal/{mine}/charges/{theirCharge}/dispute",
            $"/portal/{theirs}", $"/portal/{theirs}/invoices/{PortalAccount.Period}", $"/portal/{theirs}/charges/{theirCharge}", $"/portal/{theirs}/disputes",
            $"/portal/{mine}/charges/not-a-guid", $"/portal/{mine}/invoices/2026-13-01", $"/portal/{mine}/invoices/{PortalAccount.Period}/lines/99",
        })
        {
            var (status, html) = await PortalAccount.PageAsync(browser, path, cookie);
            Assert.True(status == HttpStatusCode.NotFound, $"{path}: {(int)status}");
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Theirs Ltd", html, StringComparison.Ordinal);
            Assert.DoesNotContain("THEIRS-1", html, StringComparison.Ordinal);
        }

        // Opening a dispute on their charge through my portal: not found, and nothing opened.
        var (_, form) = await PortalAccount.PageAsync(browser, $"/portal/{mine}/charges/{myCharges["MINE-1"]}/dispute", cookie);
        var (posted, _) = await PortalAccount.PageAsync(browser, $"/portal/{mine}/charges/{theirCharge}/dispute", cookie,
            PortalAccount.Form(("csrf", PortalAccount.Csrf(form)), ("reason", "duplicate"), ("message", "not mine")));
        Assert.Equal(HttpStatusCode.NotFound, posted);
        using var theirDisputes = await admin.GetAsync($"/v1/tenants/{theirs}/disputes", Ct);
        Assert.Equal(0, JsonDocument.Parse(await theirDisputes.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("data").GetArrayLength());

        // Their dispute (opened through the API) is not found through my portal, nor are its message and withdraw forms.
        using var opened = await admin.PostAsync($"/v1/charges/{theirCharge}/disputes",
            PortalAccount.Json(new System.Text.Json.Nodes.JsonObject { ["reason"] = "duplicate", ["message"] = "billed twice" }), Ct);
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Ct));
        var theirDispute = JsonDocument.Parse(await opened.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NotFound, (await PortalAccount.PageAsync(browser, $"/portal/{mine}/disputes/{theirDispute}", cookie)).Status);
        foreach (var action in new[] { "messages", "withdraw" })
        {
            var (status, _) = await PortalAccount.PageAsync(browser, $"/portal/{mine}/disputes/{theirDispute}/{action}", cookie,
                PortalAccount.Form(("csrf", PortalAccount.Csrf(form)), ("text", "mine now")));
            Assert.Equal(HttpStatusCode.NotFound, status);
        }

        var (listStatus, myList) = await PortalAccount.PageAsync(browser, $"/portal/{mine}/disputes", cookie);
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.DoesNotContain("THEIRS-1", myList, StringComparison.Ordinal);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/v1/disputes/{theirDispute}", Ct);
        Assert.Equal(("open", 1), (after.GetProperty("status").GetString(), after.GetProperty("thread").GetArrayLength()));
    }
}
