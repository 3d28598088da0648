using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests;

/// <summary>
/// The invoice's printable page (<c>Accept: text/html</c>) for the invoice of scenario 07, built through the HTTP API:
/// its lines and amounts, the outcomes and evidence links behind each line, HTML encoding, and how it renders in
/// headless Chromium (the screenshot is attached to the test result and kept in the output folder).
/// </summary>
public sealed partial class InvoiceHtmlTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private const string Period = "2026-11-01";
    private const int Width = 1000;
    private const int Height = 1400;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_page_shows_each_line_with_its_price_and_the_total_with_thousands_separators()
    {
        using var admin = silo.Client();
        var tenant = await HybridInvoiceAsync(admin);

        using var response = await GetPageAsync(admin, tenant);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(
            [
                "1 meeting booked (lead.segment=enterprise) × $120.00 = $120.00", "1 meeting booked × $40.00 = $40.00",
                "3 ticket resolved × $2.00 = $6.00", "base fee = $500.00", "minimum commitment true-up = $334.00",
            ],
            Rows().Matches(Body(html)).Select(m => $"{WebUtility.HtmlDecode(m.Groups["item"].Value).Trim()} = {WebUtility.HtmlDecode(m.Groups["amount"].Value)}")
                .Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("<tr class=\"total\"><td>Total</td><td class=\"num\">$1,000.00</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Subtotal</td><td class=\"num\">$666.00</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status draft\">draft</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task each_line_expands_to_its_outcomes_with_evidence_summaries_and_links_that_resolve()
    {
        using var admin = silo.Client();
        var tenant = await HybridInvoiceAsync(admin);
        var html = await PageAsync(admin, tenant);

        // Each priced line's row: its amount, its <details> summary and the outcomes listed in it.
        var lines = Rows().Matches(Body(html)).Where(r => r.Groups["details"].Value.Contains("<details>", StringComparison.Ordinal)).Select(r => (
            Amount: WebUtility.HtmlDecode(r.Groups["amount"].Value),
            Count: Summary().Match(r.Groups["details"].Value).Groups["count"].Value,
            Items: Items().Matches(r.Groups["details"].Value)
                .Select(i => (Charge: i.Groups["charge"].Value, Correlation: i.Groups["correlation"].Value, Summary: WebUtility.HtmlDecode(i.Groups["summary"].Value)))
                .ToArray()))
            .ToArray();
        Assert.Equal(
            ["$120.00: 1 outcome: M-1", "$40.00: 1 outcome: M-2", "$6.00: 3 outcomes: INV-T1 INV-T2 INV-T3"], // M-3's lead scored too low to qualify
            lines.Select(l => $"{l.Amount}: {l.Count}: {string.Join(' ', l.Items.Select(i => i.Correlation).Order(StringComparer.Ordinal))}").Order(StringComparer.Ordinal).ToArray());
        foreach (var item in lines.SelectMany(l => l.Items))
        {
            var definition = item.Correlation.StartsWith("INV-T", StringComparison.Ordinal) ? "ticket_resolved" : "meeting_booked";
            Assert.StartsWith($"{definition} for {item.Correlation}: ", item.Summary, StringComparison.Ordinal);
        }

        // The links are the tenant's charges, and each one's evidence names its outcome.
        var charges = (await PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/charges", Ct))
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("correlation").GetString());
        Assert.Equal(charges.Keys.Order(StringComparer.Ordinal), lines.SelectMany(l => l.Items).Select(i => i.Charge).Order(StringComparer.Ordinal));
        foreach (var item in lines.SelectMany(l => l.Items))
        {
            Assert.Equal(item.Correlation, charges[item.Charge]);
            using var evidence = await admin.GetAsync($"/v1/charges/{item.Charge}/evidence", Ct);
            Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
            Assert.Contains(item.Correlation, await evidence.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_correlation_value_with_markup_is_html_encoded_on_the_page()
    {
        const string hostile = "<b>X</b><script>alert(1)</script>";
        using var admin = silo.Client();
        var tenant = await SandboxAsync(admin, ["ticket_resolved"]);
        await SendAsync(admin, Ticket(tenant, "hostile", hostile));
        await AdvanceAsync(admin, tenant, "2026-12-01T00:00:00Z");
        await InvoiceAsync(admin, tenant, lines: 3, total: "1000.00"); // base fee, the ticket, the true-up

        var html = await PageAsync(admin, tenant);
        Assert.Contains(">&lt;b&gt;X&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>: ", html, StringComparison.Ordinal);
        Assert.Contains("ticket_resolved for &lt;b&gt;X&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;: ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task the_page_renders_in_headless_chromium_as_a_short_clean_printable_sheet()
    {
        using var admin = silo.Client();
        var tenant = await HybridInvoiceAsync(admin);
        var html = await PageAsync(admin, tenant);

        var folder = Directory.CreateTempSubdirectory("witn-invoice-html-").FullName;
        try
        {
            var screen = await ScreenshotAsync(html, folder, "invoice-2026-11-01");

            // Paper: the top-left corner (page margin) is white.
            Assert.Equal(20 * 20, screen.Count(0, 0, 20, 20, screen.IsWhite));

            // Text: a good share of the rows hold dark pixels, the header among them.
            var textRows = TextRows(screen);
            Assert.True(textRows >= Height / 16, $"only {textRows} of {Height} rows hold text");
            Assert.True(screen.Count(0, 0, Width, Height * 3 / 10, screen.IsDark) > 500, "no header text in the top 30%");

            // Amounts are right-aligned: dark pixels in the right fifth of the page, below the header.
            Assert.True(screen.Count(Width * 4 / 5, 120, Width, Height * 3 / 10, screen.IsDark) > 100, "no right-aligned amounts");

            // On screen each priced line has a blue "n outcomes" expander, closed.
            Assert.True(screen.Count(0, 0, Width, Height, IsLinkBlue(screen)) > 100, "no expanders");

            // The invoice is short: the bottom 40% is (almost) blank paper.
            AssertBlankBottom(screen);

            // Printed (the print rules applied on screen), the expanders give way to the outcomes they hold: more lines of
            // text, nothing blue, and the sheet still short.
            Assert.Contains("@media print{", html, StringComparison.Ordinal);
            var print = await ScreenshotAsync(html.Replace("@media print{", "@media all{", StringComparison.Ordinal), folder, "invoice-2026-11-01-print");
            Assert.True(TextRows(print) >= textRows * 3 / 2, $"printed, {TextRows(print)} rows hold text against {textRows} on screen: the outcomes are not listed");
            Assert.Equal(0, print.Count(0, 0, Width, Height, IsLinkBlue(print)));
            AssertBlankBottom(print);
        }
        finally
        {
            Directory.Delete(folder, recursive: true); // the PNGs are attached and kept in the output folder
        }
    }

    [Fact]
    public async Task the_minimum_commitment_true_up_is_shown_once_under_the_bill_to_name()
    {
        using var admin = silo.Client();
        var tenant = await HybridInvoiceAsync(admin);
        var html = await PageAsync(admin, tenant);

        // The true-up is an adjustment line; a separate "Adjustments" sum repeated the same 334.00 below it.
        Assert.Single(Regex.Matches(html, Regex.Escape("$334.00")));
        Assert.Contains("<p class=\"billto\">Bill to <strong>Acme Html</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Times in UTC (the tenant's zone)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_browser_with_only_a_key_typed_into_the_form_follows_the_invoice_to_an_evidence_page()
    {
        using var admin = silo.Client();
        var tenant = await HybridInvoiceAsync(admin, "America/New_York");
        var key = await ReadKeyAsync(admin, tenant);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions { BaseURL = silo.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(HeadlessChromium.StepTimeout);

        // A link opened in a browser carries no Authorization header: the page asks for a key.
        var invoiceUrl = $"/v1/tenants/{tenant}/invoices/{Period}";
        var first = await page.GotoAsync(invoiceUrl);
        Assert.Equal(401, first!.Status);
        Assert.Equal("This page needs an API key", await page.InnerTextAsync("h1"));

        // A wrong key gets the form again, saying why.
        await page.FillAsync("input[name=key]", "wk_0000000000000000_wrong");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("That key was not accepted", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.FillAsync("input[name=key]", key);
        await page.ClickAsync("button[type=submit]");
        await HeadlessChromium.ArrivedAsync(page, $"**{invoiceUrl}");
        var invoice = await page.InnerTextAsync("main");
        Assert.Contains("Bill to Acme Html", invoice, StringComparison.Ordinal);
        Assert.Contains("$1,000.00", invoice, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(invoice, Regex.Escape("$334.00")));
        Assert.Contains("Times in America/New_York", invoice, StringComparison.Ordinal);
        Assert.DoesNotContain(key, page.Url, StringComparison.Ordinal);

        // The key is kept where no script reads it and no other site sends it, for the pages' path only.
        var cookie = Assert.Single(await context.CookiesAsync());
        Assert.Equal(("witn_page_key", true, Microsoft.Playwright.SameSiteAttribute.Strict, "/v1"), (cookie.Name, cookie.HttpOnly, cookie.SameSite, cookie.Path));
        Assert.Equal(key, cookie.Value);

        // Follow a ticket's evidence link, as a reader would: open the line's outcomes, click one.
        await page.ClickAsync("summary:has-text(\"3 outcomes\")");
        await page.ClickAsync("a:has-text(\"INV-T1\")");
        await HeadlessChromium.ArrivedAsync(page, "**/evidence");
        var evidence = await page.InnerTextAsync("main");
        Assert.Contains("ticket_resolved for INV-T1", evidence, StringComparison.Ordinal);
        Assert.Contains("Amount\t2.00 USD", evidence, StringComparison.Ordinal);
        Assert.Contains("Tenant\tAcme Html", evidence, StringComparison.Ordinal);
        // The ticket closed at 2026-11-03T10:00:00Z: 05:00 in New York.
        Assert.Contains("2026-11-03 05:00:00 -05:00", evidence, StringComparison.Ordinal);
        Assert.Contains("Times in America/New_York", evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_page_key_cookie_opens_pages_only_never_the_json_api()
    {
        using var admin = silo.Client();
        var tenant = await HybridInvoiceAsync(admin);
        var key = await ReadKeyAsync(admin, tenant);
        using var browser = silo.Anonymous();

        async Task<HttpStatusCode> GetAsync(HttpMethod method, string path, string accept)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Accept.ParseAdd(accept);
            request.Headers.Add("Cookie", $"witn_page_key={key}");
            using var response = await browser.SendAsync(request, Ct);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await GetAsync(HttpMethod.Get, $"/v1/tenants/{tenant}/invoices/{Period}", "text/html"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(HttpMethod.Get, $"/v1/tenants/{tenant}/invoices/{Period}", "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(HttpMethod.Get, $"/v1/tenants/{tenant}/charges", "text/html"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(HttpMethod.Post, $"/v1/tenants/{tenant}/invoices/{Period}/finalize", "text/html"));
    }

    [Fact]
    public async Task a_page_error_is_a_readable_page_and_a_page_without_a_key_asks_for_one()
    {
        using var admin = silo.Client();
        async Task<(HttpStatusCode Status, string? Type, string Body)> GetAsync(HttpClient client, string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            using var response = await client.SendAsync(request, Ct);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Ct));
        }

        var missing = await GetAsync(admin, $"/v1/charges/{Guid.NewGuid()}/evidence");
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (missing.Status, missing.Type));
        Assert.Contains("<h1>Charge not found</h1>", missing.Body, StringComparison.Ordinal);

        var malformed = await GetAsync(admin, "/v1/charges/not-a-charge/evidence");
        Assert.Equal((HttpStatusCode.BadRequest, "text/html"), (malformed.Status, malformed.Type));
        Assert.Contains("<span class=\"mono\">id</span>", malformed.Body, StringComparison.Ordinal);

        var badPeriod = await GetAsync(admin, "/v1/tenants/acme-none/invoices/2026-13-01");
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (badPeriod.Status, badPeriod.Type));

        using var anonymous = silo.Anonymous();
        var noKey = await GetAsync(anonymous, $"/v1/charges/{Guid.NewGuid()}/evidence");
        Assert.Equal((HttpStatusCode.Unauthorized, "text/html"), (noKey.Status, noKey.Type));
        Assert.Contains("<form class=\"key\" method=\"post\" action=\"/pages/key\">", noKey.Body, StringComparison.Ordinal);
        foreach (var body in new[] { missing.Body, malformed.Body, badPeriod.Body, noKey.Body })
        {
            Assert.StartsWith("<!DOCTYPE html>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal); // no stack frame
        }

        // API clients keep their problem JSON.
        using var json = await admin.GetAsync($"/v1/charges/{Guid.NewGuid()}/evidence", Ct);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task the_key_form_refuses_another_sites_post_and_a_return_to_another_host()
    {
        using var admin = silo.Client();
        var key = await ReadKeyAsync(admin, null);
        // As a browser's first step sees it: the redirect and the cookie are the answer, not followed or kept.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = silo.BaseAddress };

        async Task<HttpResponseMessage> PostAsync(string returnPath, string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/pages/key")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["return"] = returnPath }),
            };
            request.Headers.Accept.ParseAdd("text/html");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return await browser.SendAsync(request, Ct);
        }

        using var crossSite = await PostAsync("/v1/tenants", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.False(crossSite.Headers.Contains("Set-Cookie"));

        using var elsewhere = await PostAsync("//evil.example/v1/x", null);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.False(elsewhere.Headers.Contains("Set-Cookie"));

        using var accepted = await PostAsync("/v1/tenants/acme/invoices/2026-11-01", silo.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal("/v1/tenants/acme/invoices/2026-11-01", accepted.Headers.Location?.OriginalString);
        var cookie = Assert.Single(accepted.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/v1", cookie, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A key that may read <paramref name="tenant"/>'s pages (a tenant-restricted read key), or any tenant's when null.</summary>
    private static async Task<string> ReadKeyAsync(HttpClient admin, string? tenant)
    {
        using var response = await admin.PostAsJsonAsync("/v1/keys", new { name = "pages reader", scopes = new[] { "read" }, tenant_id = tenant }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("key").GetString()!;
    }

    /// <summary>Screenshots the page, attaches the PNG to the test result, keeps a copy in the output folder and checks its size.</summary>
    private static async Task<PngPixels> ScreenshotAsync(string html, string folder, string name)
    {
        var path = await HeadlessChromium.ScreenshotAsync(html, folder, name, Width, Height, Ct);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var kept = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.Copy(path, kept, overwrite: true);
        TestContext.Current.AddAttachment($"{name}.png", bytes, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {kept}");
        Assert.Equal((Width, Height), PngPixels.Size(bytes));
        return PngPixels.Decode(bytes);
    }

    private static int TextRows(PngPixels png) => Enumerable.Range(0, png.Height).Count(y => png.Count(0, y, png.Width, y + 1, png.IsDark) > 0);

    private static void AssertBlankBottom(PngPixels png)
    {
        var white = png.Count(0, png.Height * 6 / 10, png.Width, png.Height, png.IsWhite);
        Assert.True(white >= png.Width * (png.Height * 4 / 10) * 99 / 100, $"the bottom 40% is not blank: {white} white pixels");
    }

    // The links' and expanders' #0969da.
    private static Func<int, int, bool> IsLinkBlue(PngPixels png) => (x, y) => png.At(x, y) is var (r, g, b) && r < 80 && g is > 70 and < 160 && b > 180;

    /// <summary>Scenario 07: a sandbox tenant on the hybrid contract, its November outcomes settled, the period ended.</summary>
    private async Task<string> HybridInvoiceAsync(HttpClient admin, string timezone = "UTC")
    {
        var tenant = await SandboxAsync(admin, ["ticket_resolved", "meeting_booked"], timezone);
        var events = new List<JsonObject>();
        for (var i = 1; i <= 3; i++)
        {
            events.Add(Ticket(tenant, $"inv-t{i}", $"INV-T{i}"));
        }

        foreach (var (meeting, score, segment, accepted) in new[] { ("M-1", 80, "enterprise", "11"), ("M-2", 75, "smb", "12"), ("M-3", 40, "smb", "12") })
        {
            events.Add(Event(tenant, $"{meeting}-book", "meeting.booked", "2026-11-04T10:00:00Z",
                new JsonObject { ["meeting_id"] = meeting, ["lead"] = new JsonObject { ["score"] = score, ["segment"] = segment } }));
            events.Add(Event(tenant, $"{meeting}-acc", "calendar.invite.accepted", $"2026-11-04T{accepted}:00:00Z", new JsonObject { ["meeting_id"] = meeting }));
        }

        await SendAsync(admin, [.. events]);
        await AdvanceAsync(admin, tenant, "2026-12-01T00:00:00Z");
        await InvoiceAsync(admin, tenant, lines: 5, total: "1000.00");
        return tenant;
    }

    private static async Task<string> SandboxAsync(HttpClient admin, string[] definitions, string timezone = "UTC")
    {
        var tenant = $"html-{Guid.NewGuid().ToString("N")[..10]}";
        await PutAsync(admin, $"/v1/tenants/{tenant}", KeysApiTests.Json($$"""{"name":"Acme Html","timezone":"{{timezone}}","sandbox":true,"clock_start":"2026-11-04T13:00:00Z"}"""));
        foreach (var name in definitions)
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("outcomes"), $"{name}.yaml"), Ct);
            await PutAsync(admin, $"/v1/outcomes/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        }

        var contract = string.Join('\n', (await File.ReadAllTextAsync(Path.Combine(ExampleFiles.RepoFolder("contracts"), "acme.yaml"), Ct))
            .Split('\n').Select(l => l.StartsWith("tenant:", StringComparison.Ordinal) ? $"tenant: {tenant}" : l));
        await PutAsync(admin, $"/v1/tenants/{tenant}/contract", new StringContent(contract, Encoding.UTF8, "application/yaml"));
        return tenant;
    }

    private static JsonObject Ticket(string tenant, string key, string ticketId) =>
        Event(tenant, key, "ticket.closed", "2026-11-03T10:00:00Z", new JsonObject { ["ticket_id"] = ticketId, ["resolution"] = "solved" });

    private static JsonObject Event(string tenant, string key, string type, string at, JsonObject properties) => new()
    {
        ["tenant_id"] = tenant, ["type"] = type, ["timestamp"] = at, ["idempotency_key"] = key, ["properties"] = properties,
    };

    private static async Task SendAsync(HttpClient admin, params JsonObject[] events)
    {
        using var response = await admin.PostAsync("/v1/events", KeysApiTests.Json(new JsonObject { ["events"] = new JsonArray(events) }.ToJsonString()), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"events: {(int)response.StatusCode} {text}");
        Assert.All(JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("status").GetString()));
    }

    private static async Task AdvanceAsync(HttpClient admin, string tenant, string to)
    {
        using var response = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", KeysApiTests.Json($$"""{"to":"{{to}}"}"""), Ct);
        Assert.True(response.IsSuccessStatusCode, $"advance to {to}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>Waits until the JSON invoice has settled into its expected shape (outcomes settle asynchronously).</summary>
    private static Task InvoiceAsync(HttpClient admin, string tenant, int lines, string total) =>
        Eventually.HoldsAsync(async () =>
        {
            using var response = await admin.GetAsync($"/v1/tenants/{tenant}/invoices/{Period}", Ct);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            var invoice = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            return invoice.GetProperty("lines").GetArrayLength() == lines
                && decimal.Parse(invoice.GetProperty("total").GetString()!, CultureInfo.InvariantCulture) == decimal.Parse(total, CultureInfo.InvariantCulture);
        }, Deadline, $"the {Period} invoice with {lines} lines totalling {total}");

    private static Task<HttpResponseMessage> GetPageAsync(HttpClient admin, string tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tenants/{tenant}/invoices/{Period}");
        request.Headers.Accept.ParseAdd("text/html");
        return admin.SendAsync(request, Ct);
    }

    private static async Task<string> PageAsync(HttpClient admin, string tenant)
    {
        using var response = await GetPageAsync(admin, tenant);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task PutAsync(HttpClient admin, string path, HttpContent content)
    {
        using var response = await admin.PutAsync(path, content, Ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>The table's body: one row per invoice line.</summary>
    private static string Body(string html) =>
        html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];

    // A body row: the item text, then its <details> if it has any, then the amount cell.
    [GeneratedRegex("""<tr(?: class="neg")?><td>(?<item>[^<]*)(?<details>.*?)</td><td class="num">(?<amount>[^<]*)</td></tr>""", RegexOptions.Singleline)]
    private static partial Regex Rows();

    [GeneratedRegex("""<details><summary>(?<count>[^<]*)</summary>""")]
    private static partial Regex Summary();

    [GeneratedRegex("""<li><a href="/v1/charges/(?<charge>[^/"]+)/evidence">(?<correlation>[^<]*)</a>: (?<summary>[^<]*)</li>""")]
    private static partial Regex Items();
}
