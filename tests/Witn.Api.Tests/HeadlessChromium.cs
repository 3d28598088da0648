using System.Diagnostics;

namespace Witn.Api.Tests;

/// <summary>
/// Screenshots an HTML page with headless Chromium: <c>WITN_CHROMIUM</c> when set, else <c>/usr/bin/chromium</c>,
/// else <c>chromium</c> or <c>chromium-browser</c> on PATH (.ci/run installs Debian's <c>chromium</c> when none is there).
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

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

    /// <summary>Writes <paramref name="html"/> to <c>folder/name.html</c>, screenshots it at the window size to <c>folder/name.png</c>, returns that path.</summary>
    public static async Task<string> ScreenshotAsync(string html, string folder, string name, int width, int height, CancellationToken ct)
    {
        var page = Path.Combine(folder, $"{name}.html");
        var png = Path.Combine(folder, $"{name}.png");
        await File.WriteAllTextAsync(page, html, ct);
        var start = new ProcessStartInfo(Binary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--force-device-scale-factor=1",
            $"--user-data-dir={Path.Combine(folder, "profile")}", // a profile of its own: other Chromiums on the machine do not interfere
            $"--window-size={width},{height}", $"--screenshot={png}", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} did not finish the screenshot within {Timeout.TotalSeconds:0} s");
        }

        var output = $"{await stdout}\n{await stderr}";
        Assert.True(process.ExitCode == 0 && File.Exists(png), $"{start.FileName} exited {process.ExitCode} without {png}:\n{output}");
        return png;
    }
}
