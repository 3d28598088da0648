using System.Diagnostics;
using System.Globalization;
using Witn.Storage.Postgres;

namespace Witn.EndToEnd.Tests;

/// <summary>A data folder for one test; on dispose stops any PostgreSQL still running in it and deletes it.</summary>
public sealed class TempDataDir : IAsyncDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"witn-e2e-{Guid.NewGuid():N}");

    public string PidFile => System.IO.Path.Combine(Path, "pgdata", "postmaster.pid");

    /// <summary>
    /// A connection string to the <c>witn</c> database of the embedded PostgreSQL a silo runs in this folder, as its
    /// superuser (to inspect; unpooled, so nothing outlives the server).
    /// </summary>
    public async Task<string> SuperUserConnectionStringAsync()
    {
        var password = (await File.ReadAllTextAsync(System.IO.Path.Combine(Path, "postgres.password"))).Trim();
        var port = (await File.ReadAllLinesAsync(PidFile))[3].Trim();
        return $"Host=127.0.0.1;Port={port};Username={EmbeddedPostgres.SuperUser};Password={password};Database=witn;Pooling=false";
    }

    /// <summary>The pid of the PostgreSQL server running on this folder, or null.</summary>
    public int? ServerPid()
    {
        if (!File.Exists(PidFile))
        {
            return null;
        }

        var first = File.ReadLines(PidFile).FirstOrDefault();
        return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && UnixProcess.IsAlive(pid) ? pid : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (ServerPid() is { } pid)
        {
            using var kill = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            var deadline = Stopwatch.StartNew();
            while (UnixProcess.IsAlive(pid) && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
        }

        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
