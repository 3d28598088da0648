using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Witn.Benchmarks.Ingest;

/// <summary>
/// The built silo (<c>witn-silo.dll</c>, copied next to the benchmark by the project reference) in its own process
/// with its own embedded PostgreSQL in a temporary data folder, as an operator runs it: the load generator's
/// threads and GC stay out of the silo. Stopped with SIGTERM (so PostgreSQL stops too; SIGINT may be ignored in a background job) and deleted on dispose.
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    // Startup is polled (the banner line appears when the silo is ready), with a deadline, never waited out.
    private static readonly TimeSpan StartupPoll = TimeSpan.FromMilliseconds(100);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _dataDir;

    private SiloUnderTest(Process process, string dataDir, int httpPort)
    {
        _process = process;
        _dataDir = dataDir;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue("ERR " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public string AdminKey { get; private set; } = "";

    /// <summary>The silo's embedded PostgreSQL cluster (its CPU is measured through <c>postmaster.pid</c>).</summary>
    public string ClusterDirectory => Path.Combine(_dataDir, "pgdata");

    public string Output => string.Join('\n', _output);

    public static async Task<SiloUnderTest> StartAsync(TextWriter log)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "witn-silo.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"the silo was not built next to the benchmark: {dll}");
        }

        var dataDir = Path.Combine(Path.GetTempPath(), $"witn-bench-silo-{Guid.NewGuid():N}"[..36]);
        Directory.CreateDirectory(dataDir);
        var ports = FreePorts(3);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in new[] { "--data-dir", dataDir, "--http-port", $"{ports[0]}", "--silo-port", $"{ports[1]}", "--gateway-port", $"{ports[2]}", "--cluster-id", "bench" })
        {
            info.ArgumentList.Add(a);
        }

        foreach (var a in RunOptions.SiloArguments)
        {
            info.ArgumentList.Add(a);
        }

        // The machine's settings must not change what is measured (an OTLP endpoint would add traces to one run).
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("WITN_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        log.WriteLine($"starting silo: dotnet {dll} --data-dir {dataDir} --http-port {ports[0]} {string.Join(' ', RunOptions.SiloArguments)}");
        var silo = new SiloUnderTest(Process.Start(info)!, dataDir, ports[0]);
        var deadline = Stopwatch.StartNew();
        while (!silo.Output.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal))
        {
            if (silo._process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                var output = silo.Output;
                await silo.DisposeAsync();
                throw new InvalidOperationException($"the silo did not start:\n{output}");
            }

            await Task.Delay(StartupPoll);
        }

        silo.AdminKey = (await File.ReadAllTextAsync(Path.Combine(dataDir, "admin.key"))).Trim();
        return silo;
    }

    /// <summary>
    /// A small connection pool to the silo's own embedded database (port from <c>postmaster.pid</c>, the generated
    /// password from the data folder), for watching outcome states and charges become durable.
    /// </summary>
    public NpgsqlDataSource OpenDatabase(int maxPoolSize = 4)
    {
        var port = int.Parse(File.ReadLines(Path.Combine(ClusterDirectory, "postmaster.pid")).ElementAt(3), CultureInfo.InvariantCulture);
        var password = File.ReadAllText(Path.Combine(_dataDir, "postgres.password")).Trim();
        return NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "witn",
            Password = password,
            Database = "witn",
            MaxPoolSize = maxPoolSize,
        }.ConnectionString);
    }

    /// <summary>The silo process's peak resident memory so far (its PostgreSQL is separate processes).</summary>
    public long PeakWorkingSetBytes()
    {
        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    /// <summary>CPU time (user + system) the silo process has used so far; its PostgreSQL is separate processes.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>An HTTP client with enough pooled loopback connections, sending the admin key.</summary>
    public HttpClient Client(int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    /// <summary>Creates a sandbox tenant whose test clock starts (and stays) at <paramref name="clockStart"/>.</summary>
    public async Task CreateSandboxTenantAsync(HttpClient client, string tenantId, DateTimeOffset clockStart)
    {
        var body = $$"""{"name": "Benchmark {{tenantId}}", "sandbox": true, "clock_start": "{{clockStart.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}}"}""";
        using var response = await client.PutAsync($"/v1/tenants/{tenantId}", new StringContent(body, Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT /v1/tenants/{tenantId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A straggling PostgreSQL file; the OS temp cleaner gets the rest.
        }
    }

    internal static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
