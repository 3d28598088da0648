using System.Collections.Concurrent;
using Npgsql;

namespace Witn.Storage.Notifications;

/// <summary>
/// LISTENs on a channel (definitions and tenants each announce their changes on one) over one dedicated connection. The caller reloads
/// everything right after LISTEN is in place (nothing committed later can be missed) and again every
/// <c>refreshEvery</c> as a safety net; in between it reloads just the names that were notified.
/// </summary>
public sealed class ChangeListener(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires (returns) or the connection fails (throws; the caller
    /// reconnects by calling again, which reloads everything first).
    /// </summary>
    public async Task ListenAsync(
        string channel,
        Func<CancellationToken, Task> reloadAll,
        Func<string, CancellationToken, Task> reload,
        TimeSpan refreshEvery,
        CancellationToken cancellationToken)
    {
        await using var conn = await dataSource.OpenConnectionAsync(cancellationToken);
        var notified = new ConcurrentQueue<string>();
        conn.Notification += (_, e) => notified.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {channel}", conn))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        await reloadAll(cancellationToken);
        var lastFull = time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = refreshEvery - time.GetElapsedTime(lastFull);
            if (remaining <= TimeSpan.Zero)
            {
                await reloadAll(cancellationToken);
                lastFull = time.GetTimestamp();
                continue;
            }

            try
            {
                await conn.WaitAsync(remaining, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // One reload per name however many notifications queued up meanwhile.
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (notified.TryDequeue(out var name))
            {
                names.Add(name);
            }

            foreach (var name in names)
            {
                await reload(name, cancellationToken);
            }
        }
    }
}
