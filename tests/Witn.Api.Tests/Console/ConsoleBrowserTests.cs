using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Witn.Testing.Silo;

namespace Witn.Api.Tests.Console;

/// <summary>
/// The operator console in a real browser (headless Chromium through Playwright, JavaScript off): the operator types
/// a key into the pages' key form, opens the overview, the quality charts, the review queue (approves one outcome),
/// the dispute queue and one dispute (credits it), the settlement backlog and the alerts; the API sees what the forms did. Each
/// step's screenshot is attached to the test result and kept in <c>artifacts/console/</c> under the test output folder.
/// </summary>
public sealed class ConsoleBrowserTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Where the screenshots are kept (docs/console.md).</summary>
    private static string Artifacts => Path.Combine(AppContext.BaseDirectory, "artifacts", "console");

    [Fact]
    public async Task an_operator_signs_in_with_a_key_approves_a_review_and_credits_a_dispute_without_javascript()
    {
        using var admin = silo.Client();
        var (tenant, dispute) = await ConsoleTenant.CreateAsync(admin, "Console Corp");

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = silo.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 1200 }, JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(HeadlessChromium.StepTimeout);

        // No key yet: the key form, then the page it was asked for.
        var first = await page.GotoAsync("/v1/console");
        Assert.Equal(401, first!.Status);
        await page.FillAsync("input[name=key]", silo.AdminKey);
        await ShotAsync(page, "01-key");
        await page.ClickAsync("button:has-text(\"Open the page\")");
        await HeadlessChromium.ArrivedAsync(page, "**/v1/console");
        Assert.Equal("Operator console", await page.InnerTextAsync("h1"));
        await page.ClickAsync($"a:has-text(\"{tenant}\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}");
        var overview = await page.InnerTextAsync("main");
        Assert.Contains("Console Corp", overview, StringComparison.Ordinal);
        Assert.Contains("1 outcome waiting for a decision", overview, StringComparison.Ordinal);
        Assert.Contains("1 dispute not closed, 0 overdue", overview, StringComparison.Ordinal);
        await ShotAsync(page, "02-overview");

        // Quality: two charts for the definition, a line per agent version, the legend in text.
        await page.ClickAsync("nav a:has-text(\"Quality\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/quality");
        Assert.Equal(2, await page.Locator("svg.chart").CountAsync());
        var quality = await page.InnerTextAsync("main");
        Assert.Contains("support-bot 3.1", quality, StringComparison.Ordinal);
        Assert.Contains("support-bot 3.2", quality, StringComparison.Ordinal);
        Assert.Contains("UTC days 2026-10-10 to 2026-11-06", quality, StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("svg.chart g.series").CountAsync());
        await ShotAsync(page, "03-quality");

        // Reviews: approve T-3; the queue comes back (303) saying so, and empty.
        await page.ClickAsync("nav a:has-text(\"Reviews\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/reviews");
        Assert.Contains("T-3", await page.InnerTextAsync("tbody"), StringComparison.Ordinal);
        await page.FillAsync("form.decide input[name=note]", "Checked the escalation: the agent solved it.");
        await ShotAsync(page, "04-reviews");
        await page.ClickAsync("form.decide button:has-text(\"Approve\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/reviews");
        Assert.Equal("Approved console_ticket for T-3.", (await page.InnerTextAsync("p.flash")).Trim());
        Assert.Contains("No outcome is waiting for review.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await ShotAsync(page, "05-approved");
        Assert.NotEqual("in_review", await ConsoleTenant.StatusAsync(admin, tenant, "T-3"));

        // Disputes: the queue, the dispute, a credit through the form.
        await page.ClickAsync("nav a:has-text(\"Disputes\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/disputes");
        Assert.Contains("console_ticket for T-1", await page.InnerTextAsync("tbody"), StringComparison.Ordinal);
        await ShotAsync(page, "06-disputes");
        await page.ClickAsync("tbody a");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/disputes/{dispute}");
        Assert.Contains("The customer reopened T-1 the next morning.", await page.InnerTextAsync("ol.thread"), StringComparison.Ordinal);
        await page.CheckAsync("input[name=decision][value=credit]");
        await page.FillAsync("input[name=amount]", "1.00");
        await page.FillAsync("textarea[name=note]", "Half of it: the ticket was reopened.");
        await ShotAsync(page, "07-dispute");
        await page.ClickAsync("button:has-text(\"Resolve the dispute\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/disputes/{dispute}");
        Assert.Equal("Credited 1.00 USD.", (await page.InnerTextAsync("p.flash")).Trim());
        Assert.Contains("credited", await page.InnerTextAsync("h1 .status"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await ShotAsync(page, "08-credited");

        var read = await admin.GetFromJsonAsync<JsonElement>($"/v1/disputes/{dispute}", Ct);
        Assert.Equal("credited", read.GetProperty("status").GetString());
        Assert.Equal("1.00", read.GetProperty("resolution").GetProperty("amount").GetString());
        var credits = await Witn.Testing.PagedList.AllAsync(admin, $"/v1/tenants/{tenant}/credits", Ct);
        Assert.Contains(credits, c => c.GetProperty("dispute_id").GetString() == dispute);

        // The backlog: nothing due on the sandbox's clock (its advance settled everything).
        await page.ClickAsync("nav a:has-text(\"Settlement backlog\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/backlog");
        Assert.Contains("0 outcomes are due and not settled", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await ShotAsync(page, "09-backlog");

        // Alerts: what the API says is open for the tenant, and its history, on one page.
        await page.ClickAsync("nav a:has-text(\"Alerts\")");
        await HeadlessChromium.ArrivedAsync(page, $"**/v1/console/tenants/{tenant}/alerts");
        Assert.Equal("Alerts", await page.InnerTextAsync("h1"));
        var open = (await Witn.Testing.PagedList.AllAsync(admin, "/v1/alerts", Ct))
            .SelectMany(r => r.GetProperty("series").EnumerateArray().Where(s => s.GetProperty("tenant_id").GetString() == tenant).Select(_ => r.GetProperty("name").GetString()!))
            .ToList();
        var alerts = await page.InnerTextAsync("main");
        Assert.All(open, name => Assert.Contains(name, alerts, StringComparison.Ordinal));
        if (open.Count == 0)
        {
            Assert.Contains("No alert is open for this tenant.", alerts, StringComparison.Ordinal);
        }

        await ShotAsync(page, "10-alerts");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Artifacts);
        var path = Path.Combine(Artifacts, $"{name}.png");
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment($"console-{name}.png", bytes, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }
}
