using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Witn.Storage.Outcomes;
using Witn.Storage.Tenants;

namespace Witn.Grains.Ingestion;

/// <summary>
/// Drops this silo's cached copy of a tenant as soon as any silo changes it (a sandbox clock advance, a settings
/// change), so events are checked against the new clock at once everywhere.
/// </summary>
public sealed partial class TenantDirectoryService(
    TenantDirectory directory, DefinitionChangeListener listener, TimeProvider time, ILogger<TenantDirectoryService> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await listener.ListenAsync(
                    _ => { directory.Clear(); return Task.CompletedTask; },
                    (id, _) => { directory.Invalidate(id); return Task.CompletedTask; },
                    TimeSpan.FromSeconds(30),
                    stoppingToken,
                    TenantStore.Channel);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant change listener failed; reconnecting in {Seconds} s")]
    private static partial void ListenerFailed(ILogger logger, Exception exception, double seconds);
}
