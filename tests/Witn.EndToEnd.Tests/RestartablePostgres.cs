using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Witn.Storage.Postgres;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// A PostgreSQL server one test owns (provisioned by the silo's own <see cref="EmbeddedPostgres"/> in a temporary
/// folder) that it can stop and start again on the same port, as an operator restarting the database would.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RestartablePostgres : IAsyncDisposable
{
    private readonly TempDataDir _dir;
    private readonly EmbeddedPostgres _first;

    private RestartablePostgres(TempDataDir dir, EmbeddedPostgres first)
    {
        _dir = dir;
        _first = first;
        Port = first.Port;
    }

    public int Port { get; }

    public static async Task<RestartablePostgres> StartAsync(string database)
    {
        var dir = new TempDataDir();
        var server = await EmbeddedPostgres.StartAsync(dir.Path);
        await server.EnsureDatabaseAsync(database);
        return new RestartablePostgres(dir, server);
    }

    /// <summary>A connection string to <paramref name="database"/> as the runtime role; without pooling, nothing outlives a restart.</summary>
    public string ConnectionString(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder(_first.RuntimeConnectionString(database)) { Pooling = pooling }.ConnectionString;

    /// <summary>A connection string to <paramref name="database"/> as the owner role, which migrates it.</summary>
    public string OwnerConnectionString(string database) => _first.OwnerConnectionString(database);

    /// <summary>Fast shutdown (every session is cut), then a new server on the same folder and port.</summary>
    public async Task RestartAsync()
    {
        var pid = _dir.ServerPid() ?? throw new InvalidOperationException("PostgreSQL is not running");
        UnixProcess.Signal(pid, UnixProcess.SigInt);
        var stopping = Stopwatch.StartNew();
        while (UnixProcess.IsAlive(pid))
        {
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), "PostgreSQL did not stop within 30 s");
            await Task.Delay(10);
        }

        await _first.StopAsync(); // forgets the server it started (already gone)

        // pg_ctl as the owner of the cluster folder (PostgreSQL refuses to run as root); -w waits until it accepts.
        var cluster = _first.ClusterDirectory;
        var pgCtl = Path.Combine(PostgresBinaries.Find().Directory, "pg_ctl");
        var args = new List<string>();
        if (UnixProcess.IsRoot)
        {
            var owner = (await RunAsync("stat", ["-c", "%u %g", cluster])).Split(' ', StringSplitOptions.TrimEntries);
            args.AddRange(["setpriv", $"--reuid={owner[0]}", $"--regid={owner[1]}", "--clear-groups", "--"]);
        }

        args.AddRange([pgCtl, "start", "-w", "-t", "60", "-D", cluster, "-l", Path.Combine(cluster, "restart.log"), "-o",
            $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200"]);
        await RunAsync("setsid", args);
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {output}");
        return output.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _dir.DisposeAsync(); // stops the restarted server (found through postmaster.pid) and deletes the folder
    }
}
