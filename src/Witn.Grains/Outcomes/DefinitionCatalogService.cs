using Microsoft.Extensions.Logging;
using Witn.Grains.Notifications;
using Witn.Storage.Notifications;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Loads the catalog before the silo serves anything, then follows changes: one reload per notified name,
/// a full reload every <see cref="FullRefreshEvery"/> (a safety net), and a full reload after every reconnect.
/// </summary>
public sealed partial class DefinitionCatalogService(
    IDefinitionCatalog catalog,
    ChangeListener listener,
    TimeProvider time,
    ILogger<DefinitionCatalogService> logger) : ChangeFollower(listener, time, logger, DefinitionStore.Channel, FullRefreshEvery)
{
    public static readonly TimeSpan FullRefreshEvery = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.RefreshAllAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ReloadAllAsync(CancellationToken cancellationToken) => catalog.RefreshAllAsync(cancellationToken);

    protected override async Task ReloadAsync(string name, CancellationToken cancellationToken)
    {
        await catalog.RefreshAsync(name, cancellationToken);
        Reloaded(logger, name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outcome definition '{Name}' reloaded after a notification")]
    private static partial void Reloaded(ILogger logger, string name);
}
