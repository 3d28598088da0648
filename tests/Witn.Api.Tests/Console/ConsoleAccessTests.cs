using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Witn.Api.Tests.Portal;
using Witn.Testing.Silo;

namespace Witn.Api.Tests.Console;

/// <summary>
/// The operator console over plain HTTP, as a browser without JavaScript sends it: who may open it, one tenant per
/// restricted key, the forms' CSRF and same-origin gate, and readable error pages.
/// </summary>
public sealed class ConsoleAccessTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_read_key_is_refused_with_a_page_that_names_the_scope_it_lacks()
    {
        using var admin = silo.Client();
        var tenant = $"console-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(tenant, Ct);
        var reader = await SandboxCalls.KeyAsync(admin, "read", tenant);
        using var browser = PortalAccount.Browser(silo.BaseAddress);

        foreach (var path in new[] { "/v1/console", $"/v1/console/tenants/{tenant}", $"/v1/console/tenants/{tenant}/disputes" })
        {
            var (status, html) = await PortalAccount.PageAsync(browser, path, Cookie(reader));

            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("lacks the &#x27;disputes&#x27; scope", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_disputes_key_reads_the_dispute_queue_and_sends_an_operator_message_through_its_form()
    {
        using var admin = silo.Client();
        var (tenant, dispute) = await ConsoleTenant.CreateAsync(admin, "Disputes Key Corp");
        var key = Cookie(await SandboxCalls.KeyAsync(admin, "disputes", tenant));
        using var browser = PortalAccount.Browser(silo.BaseAddress);

        var (queueStatus, queue) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/disputes", key);
        Assert.Equal(HttpStatusCode.OK, queueStatus);
        Assert.Contains($"href=\"/v1/console/tenants/{tenant}/disputes/{dispute}\"", queue, StringComparison.Ordinal);
        Assert.Contains("console_ticket for T-1", queue, StringComparison.Ordinal);

        // The review queue shows what waits, but a disputes key gets no decision forms (deciding needs admin).
        var (reviewsStatus, reviews) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/reviews", key);
        Assert.Equal(HttpStatusCode.OK, reviewsStatus);
        Assert.Contains("T-3", reviews, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", reviews, StringComparison.Ordinal);

        var (pageStatus, page) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/disputes/{dispute}", key);
        Assert.Equal(HttpStatusCode.OK, pageStatus);
        using var sent = await SendAsync(browser, $"/v1/console/tenants/{tenant}/disputes/{dispute}/messages", key,
            [("csrf", PortalAccount.Csrf(page)), ("text", "We are looking into T-1.")]);

        Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
        Assert.Equal($"/v1/console/tenants/{tenant}/disputes/{dispute}", sent.Headers.Location?.ToString());
        var flash = Assert.Single(sent.Headers.GetValues("Set-Cookie"), c => c.StartsWith("witn_console_flash=", StringComparison.Ordinal)).Split(';')[0];
        var (_, after) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/disputes/{dispute}", $"{key}; {flash}");
        Assert.Contains("Message sent.", after, StringComparison.Ordinal);
        var read = await admin.GetFromJsonAsync<JsonElement>($"/v1/disputes/{dispute}", Ct);
        Assert.Equal("under_review", read.GetProperty("status").GetString());
        var last = read.GetProperty("thread").EnumerateArray().Last();
        Assert.Equal(("operator", "We are looking into T-1."), (last.GetProperty("author_kind").GetString(), last.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task a_key_restricted_to_a_tenant_lists_only_its_tenant_and_gets_a_404_page_for_another()
    {
        using var admin = silo.Client();
        var mine = $"console-{Guid.NewGuid().ToString("N")[..8]}";
        var other = $"console-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(mine, Ct);
        await silo.PutTenantAsync(other, Ct);
        var key = Cookie(await SandboxCalls.KeyAsync(admin, "disputes", mine));
        using var browser = PortalAccount.Browser(silo.BaseAddress);

        var (listStatus, list) = await PortalAccount.PageAsync(browser, "/v1/console", key);
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains(mine, list, StringComparison.Ordinal);
        Assert.DoesNotContain(other, list, StringComparison.Ordinal);

        foreach (var page in new[] { "", "/quality", "/reviews", "/disputes", "/backlog", "/disputes/00000000-0000-0000-0000-000000000001" })
        {
            var (status, html) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{other}{page}", key);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("<h1>Tenant not found</h1>", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{mine}", key)).Status);
    }

    [Fact]
    public async Task a_form_without_its_token_with_a_forged_one_or_from_another_site_is_refused_with_a_page_and_changes_nothing()
    {
        using var admin = silo.Client();
        var (tenant, dispute) = await ConsoleTenant.CreateAsync(admin, "Forged Corp");
        var key = Cookie(silo.AdminKey);
        using var browser = PortalAccount.Browser(silo.BaseAddress);
        var (_, page) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/reviews", key);
        var token = PortalAccount.Csrf(page);
        var other = PortalAccount.Csrf((await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/reviews",
            Cookie(await SandboxCalls.KeyAsync(admin, "admin", tenant)))).Html);
        Assert.NotEqual(token, other);
        var review = $"/v1/console/tenants/{tenant}/reviews";
        (string, string)[] decision = [("definition", ConsoleTenant.Definition), ("correlation", "T-3"), ("decision", "approve")];

        var attempts = new (string What, (string, string)[] Fields, string? Origin, string Says)[]
        {
            ("no token", decision, null, "The form could not be checked"),
            ("a forged token", [.. decision, ("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")], null, "The form could not be checked"),
            ("another key's token", [.. decision, ("csrf", other)], null, "The form could not be checked"),
            ("another site", [.. decision, ("csrf", token)], "https://evil.example", "The form was sent from another site"),
        };
        foreach (var (what, fields, origin, says) in attempts)
        {
            using var refused = await SendAsync(browser, review, key, fields, origin);
            var html = await refused.Content.ReadAsStringAsync(Ct);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)refused.StatusCode} {html}");
            Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            Assert.Contains($"<h1>{says}</h1>", html, StringComparison.Ordinal);
        }

        // A message form without the token, too; and nothing was decided or written.
        using var message = await SendAsync(browser, $"/v1/console/tenants/{tenant}/disputes/{dispute}/messages", key, [("text", "forged")]);
        Assert.Equal(HttpStatusCode.Forbidden, message.StatusCode);
        Assert.Equal("in_review", await ConsoleTenant.StatusAsync(admin, tenant, "T-3"));
        var read = await admin.GetFromJsonAsync<JsonElement>($"/v1/disputes/{dispute}", Ct);
        Assert.Equal(1, read.GetProperty("thread").GetArrayLength());

        // With its own token from this site, the same form goes through.
        using var accepted = await SendAsync(browser, review, key, [.. decision, ("csrf", token)], silo.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
    }

    [Fact]
    public async Task a_bad_tenant_id_or_dispute_id_gives_a_readable_error_page_not_a_500()
    {
        using var browser = PortalAccount.Browser(silo.BaseAddress);
        var key = Cookie(silo.AdminKey);
        var tenant = $"console-{Guid.NewGuid().ToString("N")[..8]}";
        await silo.PutTenantAsync(tenant, Ct);

        var (badTenant, tenantHtml) = await PortalAccount.PageAsync(browser, "/v1/console/tenants/Not%20A%20Tenant!/disputes", key);
        var (badDispute, disputeHtml) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/disputes/not-a-uuid", key);
        var (unknown, unknownHtml) = await PortalAccount.PageAsync(browser, $"/v1/console/tenants/{tenant}/disputes/00000000-0000-0000-0000-000000000001", key);

        Assert.Equal(HttpStatusCode.BadRequest, badTenant);
        Assert.Contains("is not a valid tenant id", tenantHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDispute);
        Assert.Contains("<h1>The request is invalid</h1>", disputeHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("<h1>Dispute not found</h1>", unknownHtml, StringComparison.Ordinal);
        Assert.All(new[] { tenantHtml, disputeHtml, unknownHtml }, html => Assert.Contains("<!DOCTYPE html>", html, StringComparison.Ordinal));
    }

    private static string Cookie(string key) => $"witn_page_key={key}";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient browser, string path, string cookie, (string, string)[] fields, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = PortalAccount.Form(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await browser.SendAsync(request, Ct);
    }
}
