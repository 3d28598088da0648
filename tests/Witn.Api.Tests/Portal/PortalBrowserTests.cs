using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Witn.Testing.Silo;

namespace Witn.Api.Tests.Portal;

/// <summary>
/// The customer portal in a real browser (headless Chromium through Playwright): a link made through the API opens
/// the portal, the customer clicks from the invoice down to one outcome's evidence, opens a dispute through the form,
/// finds it listed, reads the operator's answer, adds a message and withdraws it. Each step's screenshot is attached
/// to the test result and kept in <c>artifacts/portal/</c> under the test output folder.
/// </summary>
public sealed class PortalBrowserTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshots are kept (docs/portal.md).</summary>
    private static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts", "portal");

    [Fact]
    public async Task a_customer_follows_the_link_from_the_invoice_to_the_evidence_disputes_a_charge_and_withdraws_it()
    {
        using var admin = silo.Client();
        var (tenant, charges) = await PortalAccount.CreateAsync(admin, "Portal Corp", "T-1042", "T-1043");
        var link = await PortalAccount.LinkAsync(admin, tenant);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = silo.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 1200 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(HeadlessChromium.StepTimeout);

        // The link lands on the invoices, at a URL without the token; the session is an HttpOnly, Lax cookie of this portal.
        var landed = await page.GotoAsync(link.ToString());
        Assert.Equal(200, landed!.Status);
        Assert.Equal($"{silo.BaseAddress.GetLeftPart(UriPartial.Authority)}/portal/{tenant}", page.Url);
        var cookie = Assert.Single(await context.CookiesAsync());
        Assert.Equal(("witn_portal", true, SameSiteAttribute.Lax, $"/portal/{tenant}"), (cookie.Name, cookie.HttpOnly, cookie.SameSite, cookie.Path));
        Assert.Contains("Portal Corp", await page.InnerTextAsync("nav"), StringComparison.Ordinal);
        await ShotAsync(page, "01-invoices");

        // Invoice → the line's outcomes → one outcome's evidence.
        await page.ClickAsync($"a:has-text(\"{PortalAccount.Period}\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/portal/{tenant}/invoices/{PortalAccount.Period}");
        var invoice = await page.InnerTextAsync("main");
        Assert.Contains("Bill to Portal Corp", invoice, StringComparison.Ordinal);
        Assert.Contains("2 ticket resolved × $2.00", invoice, StringComparison.Ordinal);
        await ShotAsync(page, "02-invoice");

        // The line's outcomes sit in a <details> under the line; opening it shows the link to all of them. The link is
        // followed by its address: a click racing the disclosure's toggle under a loaded run once left the page where it was.
        await page.ClickAsync("summary:has-text(\"2 outcomes\")");
        var lineLink = page.Locator("a:has-text(\"all 2 outcomes\")");
        await lineLink.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var line = await page.GotoAsync((await lineLink.GetAttributeAsync("href"))!);
        Assert.Equal(200, line!.Status);
        Assert.Matches($"/portal/{tenant}/invoices/{PortalAccount.Period}/lines/[0-9]+$", page.Url);
        Assert.Contains("T-1043", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await ShotAsync(page, "03-line");

        await page.ClickAsync("a:has-text(\"T-1042\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/portal/{tenant}/charges/{charges["T-1042"]}");
        var evidence = await page.InnerTextAsync("main");
        Assert.StartsWith("ticket_resolved for T-1042", (await page.InnerTextAsync("p.summary")).Trim(), StringComparison.Ordinal);
        Assert.True(evidence.IndexOf("ticket_resolved for T-1042:", StringComparison.Ordinal) < evidence.IndexOf("Events", StringComparison.Ordinal), "the summary comes before the events");
        Assert.Contains("Amount\t2.00 USD", evidence, StringComparison.Ordinal);
        Assert.Contains("Times in Europe/Berlin", evidence, StringComparison.Ordinal);
        await ShotAsync(page, "04-evidence");

        // "Dispute this charge": the form, then the dispute's own page.
        await page.ClickAsync("a:has-text(\"Dispute this charge\")");
        await page.SelectOptionAsync("select[name=reason]", "not_achieved");
        await page.FillAsync("textarea[name=message]", "The customer reopened T-1042 the next morning.");
        await page.FillAsync("input[name=amount]", "1.50");
        await ShotAsync(page, "05-dispute-form");
        await page.ClickAsync("button:has-text(\"Open the dispute\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/portal/{tenant}/disputes/*");
        var disputeUrl = page.Url;
        var disputeId = disputeUrl[(disputeUrl.LastIndexOf('/') + 1)..];
        var opened = await page.InnerTextAsync("main");
        Assert.Contains("open", await page.InnerTextAsync("h1 .status"), StringComparison.Ordinal);
        Assert.Contains("Amount disputed\t1.50 USD", opened, StringComparison.Ordinal);
        Assert.Contains("Resolution due by", opened, StringComparison.Ordinal);
        Assert.Contains("The customer reopened T-1042 the next morning.", opened, StringComparison.Ordinal);
        await ShotAsync(page, "06-dispute");

        // It is listed; the operator's answer (through the API) shows in the thread.
        await page.ClickAsync("nav a:has-text(\"Disputes\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/portal/{tenant}/disputes");
        var list = await page.InnerTextAsync("main");
        Assert.Contains("ticket_resolved for T-1042", list, StringComparison.Ordinal);
        Assert.Contains("1.50 USD", list, StringComparison.Ordinal);
        await ShotAsync(page, "07-disputes");

        using (var answer = await admin.PostAsJsonAsync($"/v1/disputes/{disputeId}/messages", new { author = "operator", text = "We are looking into it." }, Ct))
        {
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(Ct));
        }

        await page.ClickAsync("tbody a");
        await HeadlessChromium.ArrivedAsync(page, disputeUrl);
        Assert.Contains("under review", await page.InnerTextAsync("h1 .status"), StringComparison.Ordinal);
        Assert.Contains("We are looking into it.", await page.InnerTextAsync("ol.thread"), StringComparison.Ordinal);

        await page.FillAsync("textarea[name=text]", "Here is the reopened ticket: T-1042-R.");
        await page.ClickAsync("button:has-text(\"Send\")");
        await HeadlessChromium.ArrivedAsync(page, disputeUrl);
        Assert.Contains("Here is the reopened ticket: T-1042-R.", await page.InnerTextAsync("ol.thread"), StringComparison.Ordinal);

        await page.ClickAsync("button:has-text(\"Withdraw the dispute\")");
        await HeadlessChromium.ArrivedAsync(page, disputeUrl);
        Assert.Contains("withdrawn", await page.InnerTextAsync("h1 .status"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await ShotAsync(page, "08-withdrawn");

        // The API sees what the portal wrote: customer messages by the portal session, the withdrawal.
        var dispute = await admin.GetFromJsonAsync<JsonElement>($"/v1/disputes/{disputeId}", Ct);
        Assert.Equal("withdrawn", dispute.GetProperty("status").GetString());
        Assert.Equal(
            ["customer", "operator", "customer"],
            dispute.GetProperty("thread").EnumerateArray().Select(m => m.GetProperty("author_kind").GetString()!).ToArray());
        Assert.StartsWith("portal session ", dispute.GetProperty("thread")[0].GetProperty("author").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_expired_or_forged_link_opens_a_page_that_says_to_ask_for_a_new_one()
    {
        using var admin = silo.Client();
        await silo.PutTenantAsync("portal-browser-forged", Ct);
        var link = await PortalAccount.LinkAsync(admin, "portal-browser-forged");

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync();
        page.SetDefaultTimeout(HeadlessChromium.StepTimeout);
        var response = await page.GotoAsync(link.ToString()[..^4] + "AAAA");

        Assert.Equal((int)HttpStatusCode.Unauthorized, response!.Status);
        Assert.Equal("This link has expired or is not valid", await page.InnerTextAsync("h1"));
        Assert.Contains("ask the company that sent it to you for a new one", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await ShotAsync(page, "00-expired");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Artifacts);
        var path = Path.Combine(Artifacts, $"{name}.png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment($"portal-{name}.png", bytes, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }
}
