using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Alerts;
using Witn.Storage.Tenants;

namespace Witn.Grains.Alerts;

/// <summary>
/// Evaluates live tenants' alert rules on real time. Every silo polls; each tenant's grain evaluates one call at a
/// time and a reading already recorded is not recorded again. Sandbox tenants are evaluated when their test clock advances.
/// </summary>
public sealed partial class AlertSweepService(
    IGrainFactory grains, TenantStore tenants, IOptions<AlertOptions> options, TimeProvider time, ILogger<AlertSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluateInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in await ListLiveAsync(stoppingToken))
            {
                try
                {
                    if (await grains.GetGrain<IAlertGrain>(tenant).EvaluateAsync(time.GetUtcNow()) is var changed and > 0)
                    {
                        LogChanged(tenant, changed);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick evaluates again; a day not yet judged stays to be judged.
                    LogFailed(ex, tenant);
                }
            }
        }
    }

    private async Task<IReadOnlyList<string>> ListLiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await tenants.ListAsync(cancellationToken)).Where(t => !t.Sandbox).Select(t => t.Id)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, "*");
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alerts of tenant {Tenant}: {Count} fired or resolved")]
    private partial void LogChanged(string tenant, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert evaluation of tenant {Tenant} failed; retrying on the next tick")]
    private partial void LogFailed(Exception ex, string tenant);
}
