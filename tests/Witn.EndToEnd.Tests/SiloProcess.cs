using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>A real silo in its own operating-system process, as an operator would run it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SiloProcess(Process process, int[] ports, string dataDir)
    {
        _process = process;
        Ports = ports;
        HttpPort = ports[0];
        DataDir = dataDir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}"), Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue("ERR " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }

    /// <summary>HTTP, silo and gateway port: a restart on the same ports is how an operator restarts a silo.</summary>
    public int[] Ports { get; }

    public string DataDir { get; }

    public HttpClient Http { get; }

    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>The production silo, as shipped.</summary>
    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "witn-silo.dll");

    /// <summary>The test host: the production silo plus the crash hook (<c>Witn__Faults__CrashAt</c>) of the fault tests.</summary>
    public static string TestSiloDll => Path.Combine(AppContext.BaseDirectory, "witn-test-silo.dll");

    /// <summary>
    /// Starts a silo on the given (or free) ports with the given extra arguments and environment; the production
    /// silo unless <paramref name="host"/> names another (<see cref="TestSiloDll"/>). <paramref name="sigint"/> is
    /// how the process starts with SIGINT: deliverable by default (whatever this test process inherited), or ignored,
    /// as a shell starts a background job.
    /// </summary>
    public static SiloProcess Start(string dataDir, string? connectionString = null, IEnumerable<string>? extraArgs = null, IDictionary<string, string>? environment = null, int[]? ports = null, string? host = null, SigintAtStart sigint = SigintAtStart.Default)
    {
        ports ??= FreePorts.Take(3);
        var args = new List<string>
        {
            "--http-port", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silo-port", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data-dir", dataDir,
        };
        if (connectionString is not null)
        {
            args.AddRange(["--connection-string", connectionString]);
        }

        args.AddRange(extraArgs ?? []);
        return new SiloProcess(Launch(args, environment, host, sigint), ports, dataDir);
    }

    /// <summary>Runs the silo program to completion (for option errors), returning exit code and all output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        using var process = Launch(args, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static Process Launch(IEnumerable<string> args, IDictionary<string, string>? environment, string? host = null, SigintAtStart sigint = SigintAtStart.Default)
    {
        // A child inherits ignored signals: started from a shell that ignores SIGINT (a background job, some CI
        // runners), the silo could not be interrupted. GNU env sets SIGINT's handling explicitly before the exec
        // (same process id), so each test knows what it is testing.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(sigint == SigintAtStart.Ignored ? "--ignore-signal=INT" : "--default-signal=INT");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(host ?? SiloDll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("WITN_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }

        return Process.Start(info)!;
    }

    public async Task WaitForOutputAsync(string text, TimeSpan deadline) =>
        await Eventually.HoldsAsync(() => Task.FromResult(HasExited ? throw new InvalidOperationException($"the silo exited ({ExitCode}):\n{Output}") : Output.Contains(text, StringComparison.Ordinal)),
            deadline, $"silo output containing '{text}' (output so far:\n{Output}\n)");

    public Task WaitUntilReadyAsync() => WaitForOutputAsync("Press Ctrl-C to stop.", TimeSpan.FromSeconds(90));

    public async Task<string> AdminKeyAsync() => (await File.ReadAllTextAsync(Path.Combine(DataDir, "admin.key"))).Trim();

    public async Task<HttpClient> AuthorizedAsync(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? await AdminKeyAsync());
        return client;
    }

    /// <summary>How a service manager stops a process (systemd, docker stop, Kubernetes): SIGTERM, then wait for a graceful exit.</summary>
    public Task<int> StopAsync(TimeSpan deadline) => SignalAndWaitAsync("TERM", deadline);

    /// <summary>Ctrl-C: SIGINT, then wait for a graceful exit.</summary>
    public Task<int> InterruptAsync(TimeSpan deadline) => SignalAndWaitAsync("INT", deadline);

    /// <summary>Whether the process ignores <paramref name="signal"/> (its SigIgn mask in /proc: what the kernel will not deliver).</summary>
    public bool Ignores(int signal)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return (mask & (1UL << (signal - 1))) != 0;
    }

    private async Task<int> SignalAndWaitAsync(string signal, TimeSpan deadline)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(deadline);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
