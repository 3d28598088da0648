using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Loads the catalog before the silo serves anything, then follows changes: one reload per notified name,
/// a full reload every <see cref="FullRefreshEvery"/> (a safety net), and a full reload after every reconnect.
/// </summary>
public sealed partial class DefinitionCatalogService(
    IDefinitionCatalog catalog,
    DefinitionChangeListener listener,
    TimeProvider time,
    ILogger<DefinitionCatalogService> logger) : BackgroundService
{
    public static readonly TimeSpan FullRefreshEvery = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await catalog.RefreshAllAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await listener.ListenAsync(catalog.RefreshAllAsync, ReloadAsync, FullRefreshEvery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                ListenerFailed(logger, e, ReconnectDelay.TotalSeconds);
                try
                {
                    await Task.Delay(ReconnectDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReloadAsync(string name, CancellationToken cancellationToken)
    {
        await catalog.RefreshAsync(name, cancellationToken);
        Reloaded(logger, name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome definition listener failed; reconnecting in {Seconds} s")]
    private static partial void ListenerFailed(ILogger logger, Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outcome definition '{Name}' reloaded after a notification")]
    private static partial void Reloaded(ILogger logger, string name);
}
