using System.Collections.Concurrent;
using Witn.Domain.Tenants;
using Witn.Storage.Tenants;

namespace Witn.Grains.Ingestion;

/// <summary>
/// This silo's view of tenants for validating events, so the ingest hot path does not ask the database per event.
/// Every change to a tenant is announced by PostgreSQL (<see cref="TenantDirectoryService"/> drops the entry on every
/// silo, and clears everything after a reconnect), so a cached copy is current. <see cref="Freshness"/> only bounds
/// how long a missed notification could go unnoticed: an older copy is still answered while one background read
/// refreshes it, so no request ever waits for that safety net (a synchronous reload each second showed up as a
/// once-a-second cluster in the ingest latency tail).
/// </summary>
public sealed class TenantDirectory(TenantStore store, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);

    public async ValueTask<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(tenantId, out var entry))
        {
            if (now - entry.LoadedAt >= Freshness && _refreshing.TryAdd(tenantId, 0))
            {
                _ = RefreshAsync(tenantId, entry);
            }

            return entry.Tenant;
        }

        var tenant = await store.GetAsync(tenantId, cancellationToken);
        _entries[tenantId] = new Entry(tenant, now);
        return tenant;
    }

    public void Invalidate(string tenantId) => _entries.TryRemove(tenantId, out _);

    public void Clear() => _entries.Clear();

    private async Task RefreshAsync(string tenantId, Entry stale)
    {
        try
        {
            var loadedAt = time.GetUtcNow();
            var tenant = await store.GetAsync(tenantId);
            // Only over the copy it set out to refresh: an invalidation meanwhile wins, and the next read reloads.
            _entries.TryUpdate(tenantId, new Entry(tenant, loadedAt), stale);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The cached copy stays; the next read after Freshness tries again.
        }
        finally
        {
            _refreshing.TryRemove(tenantId, out _);
        }
    }

    private sealed record Entry(Tenant? Tenant, DateTimeOffset LoadedAt);
}
