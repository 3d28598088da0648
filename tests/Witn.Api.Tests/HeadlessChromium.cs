using Microsoft.Playwright;

namespace Witn.Api.Tests;

/// <summary>
/// A real browser for the page tests: Playwright driving the machine's Chromium (Playwright's own browser downloads
/// are not used): <c>WITN_CHROMIUM</c> when set, else <c>/usr/bin/chromium</c>, else <c>chromium</c> or
/// <c>chromium-browser</c> on PATH (.ci/run installs Debian's <c>chromium</c> when none is there).
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string Binary()
    {
        if (Environment.GetEnvironmentVariable("WITN_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"WITN_CHROMIUM names {configured}, which does not exist");
        }

        if (File.Exists("/usr/bin/chromium"))
        {
            return "/usr/bin/chromium";
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser" }.SelectMany(name => path.Select(dir => Path.Combine(dir, name))).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Chromium not found: install Debian's 'chromium' package (.ci/run does) or set WITN_CHROMIUM");
    }

    /// <summary>How long one page step (a click, a navigation) may take: generous, as a loaded shared 2-core machine is slow, not broken.</summary>
    public const float StepTimeout = 90_000;

    /// <summary>
    /// Waits until <paramref name="page"/> is at a URL matching <paramref name="urlGlob"/> and its page's main element is
    /// there. Not the document's load event: on a loaded machine Playwright has, after a click's navigation, matched the
    /// URL and then waited out the whole step for a load state it never saw (network idle had fired). The pages are
    /// small and rendered whole on the server, so the main element being parsed means the page is there. Nor Playwright's
    /// WaitForURL: when the URL already matches, it waits for the load event all the same. The URL is polled instead.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string urlGlob)
    {
        ArgumentNullException.ThrowIfNull(page);
        var pattern = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(urlGlob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!pattern.IsMatch(page.Url))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMilliseconds(StepTimeout), $"the page stayed at {page.Url}, not {urlGlob}");
            await Task.Delay(25);
        }

        await page.Locator("main").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Binary(),
                Headless = true,
                Timeout = 90_000,
                Args = ["--disable-gpu", "--hide-scrollbars", "--no-first-run", "--force-device-scale-factor=1"],
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="html"/> to <c>folder/name.html</c>, screenshots it at the window size to <c>folder/name.png</c>, returns that path.</summary>
    public static async Task<string> ScreenshotAsync(string html, string folder, string name, int width, int height, CancellationToken ct)
    {
        var file = Path.Combine(folder, $"{name}.html");
        var png = Path.Combine(folder, $"{name}.png");
        await File.WriteAllTextAsync(file, html, ct);
        await using var chromium = await LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = 1 });
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = png });
        Assert.True(File.Exists(png), $"Chromium wrote no {png}");
        return png;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
