using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Witn.Grains.Disputes;

/// <summary>
/// Marks live tenants' disputes overdue on real time. Every silo polls; a dispute is marked by its charge's grain
/// exactly once whoever asks. Sandbox tenants are swept when their test clock advances instead.
/// </summary>
public sealed partial class DisputeSweepService(DisputeSweep sweep, IOptions<DisputeOptions> options, TimeProvider time, ILogger<DisputeSweepService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.OverduePollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await sweep.SweepAsync(null, time.GetUtcNow(), stoppingToken) is var count and > 0)
                {
                    LogMarked(count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick retries; an overdue dispute is only announced later.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marked {Count} disputes overdue")]
    private partial void LogMarked(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue dispute sweep failed; retrying on the next tick")]
    private partial void LogFailed(Exception ex);
}
