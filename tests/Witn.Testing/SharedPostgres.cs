using Witn.Storage.Postgres;

namespace Witn.Testing;

/// <summary>
/// One throwaway PostgreSQL per test process, provisioned by the same code the silo uses, in a temporary
/// folder that is deleted when the process ends (the assembly fixture stops it; a process-exit hook is the
/// backstop when a test run is torn down abruptly).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class SharedPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;
    private static string? _dataDir;

    public static async Task<EmbeddedPostgres> GetAsync()
    {
        if (_server is not null)
        {
            return _server;
        }

        await Gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                _dataDir = Path.Combine(Path.GetTempPath(), $"witn-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
                _server = await EmbeddedPostgres.StartAsync(_dataDir);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAsync().AsTask().GetAwaiter().GetResult();
            }

            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async ValueTask StopAsync()
    {
        var server = Interlocked.Exchange(ref _server, null);
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (_dataDir is not null && Directory.Exists(_dataDir))
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A straggling server process still holds a file; the OS temp cleaner gets the rest.
            }
        }
    }
}
