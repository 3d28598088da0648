using System.Collections.Concurrent;
using Witn.Domain.Tenants;
using Witn.Storage.Tenants;

namespace Witn.Grains.Ingestion;

/// <summary>
/// This silo's view of tenants for validating events, kept for a second so the ingest hot path does not ask the
/// database per event. Every change to a tenant is announced by PostgreSQL (<see cref="TenantDirectoryService"/>
/// drops the entry on every silo); <see cref="Freshness"/> bounds staleness if a notification is missed.
/// </summary>
public sealed class TenantDirectory(TenantStore store, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (Tenant? Tenant, DateTimeOffset LoadedAt)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(tenantId, out var entry) && now - entry.LoadedAt < Freshness)
        {
            return entry.Tenant;
        }

        var tenant = await store.GetAsync(tenantId, cancellationToken);
        _entries[tenantId] = (tenant, now);
        return tenant;
    }

    public void Invalidate(string tenantId) => _entries.TryRemove(tenantId, out _);

    public void Clear() => _entries.Clear();
}
