using Microsoft.Extensions.Logging;
using Witn.Grains.Notifications;
using Witn.Storage.Notifications;
using Witn.Storage.Tenants;

namespace Witn.Grains.Ingestion;

/// <summary>
/// Drops this silo's cached copy of a tenant as soon as any silo changes it (a sandbox clock advance, a settings
/// change), so events are checked against the new clock at once everywhere.
/// </summary>
public sealed class TenantDirectoryService(TenantDirectory directory, ChangeListener listener, TimeProvider time, ILogger<TenantDirectoryService> logger)
    : ChangeFollower(listener, time, logger, TenantStore.Channel, TimeSpan.FromMinutes(5))
{
    protected override Task ReloadAllAsync(CancellationToken cancellationToken)
    {
        directory.Clear();
        return Task.CompletedTask;
    }

    protected override Task ReloadAsync(string name, CancellationToken cancellationToken)
    {
        directory.Invalidate(name);
        return Task.CompletedTask;
    }
}
