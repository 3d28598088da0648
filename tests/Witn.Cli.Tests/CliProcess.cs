using System.Diagnostics;

namespace Witn.Cli.Tests;

/// <summary>
/// Runs the witn command line as a process (<c>dotnet Witn.Cli.dll</c> from the test output), with an environment of
/// the test's choosing: a config folder of its own and, when given, WITN_URL/WITN_KEY. Every run has a deadline.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public CliProcess(Uri? url = null, string? key = null)
    {
        Url = url;
        Key = key;
        Directory.CreateDirectory(ConfigHome);
    }

    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Witn.Cli.dll");

    public Uri? Url { get; }

    public string? Key { get; }

    /// <summary>XDG_CONFIG_HOME of every run: profiles land here, never in the user's own config.</summary>
    public string ConfigHome { get; } = Path.Combine(Path.GetTempPath(), $"witn-cli-{Guid.NewGuid():N}");

    /// <summary>Runs witn to its end; <paramref name="input"/> is its stdin (closed after it, so nothing waits for more).</summary>
    public async Task<CliRun> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? input = null)
    {
        using var process = Start(args, environment);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"witn {string.Join(' ', args)} did not finish within {Deadline}: {await output}{await error}");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    public Task<CliRun> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>A process the test reads as it runs (e.g. <c>events tail</c>); the caller waits for it and disposes it.</summary>
    public Process Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = StartInfo("dotnet", [CliDll, .. args], environment);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>The start info of <paramref name="file"/> with this CLI's environment (for wrapping it, e.g. in script(1)).</summary>
    public ProcessStartInfo StartInfo(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["XDG_CONFIG_HOME"] = ConfigHome;
        start.Environment.Remove("NO_COLOR");
        start.Environment.Remove("WITN_PROFILE");
        start.Environment.Remove("WITN_URL");
        start.Environment.Remove("WITN_KEY");
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (Url is not null)
        {
            start.Environment["WITN_URL"] = Url.ToString();
        }

        if (Key is not null)
        {
            start.Environment["WITN_KEY"] = Key;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    public void Dispose()
    {
        if (Directory.Exists(ConfigHome))
        {
            Directory.Delete(ConfigHome, recursive: true);
        }
    }
}
