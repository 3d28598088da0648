using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Witn.Storage.Simulations;

namespace Witn.Grains.Replay;

/// <summary>Deletes simulations (and their results) past their 30 days, once an hour on every silo (the delete is idempotent).</summary>
public sealed partial class SimulationExpiryService(SimulationStore store, TimeProvider time, ILogger<SimulationExpiryService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                if (await store.DeleteExpiredAsync(time.GetUtcNow(), stoppingToken) is > 0 and var deleted)
                {
                    LogDeleted(deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired simulations")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired simulations failed; the next hour tries again")]
    private partial void LogFailed(Exception exception);
}
