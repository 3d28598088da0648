using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Witn.Grains.Invoices;

/// <summary>
/// Finalizes the periods of tenants with <c>auto_finalize</c> once each has ended and its grace has passed. Every
/// silo polls; the database's lock on the period makes a second finalization return the first.
/// </summary>
public sealed partial class InvoiceFinalizerService(Invoicer invoicer, Microsoft.Extensions.Options.IOptions<InvoiceOptions> options, TimeProvider time, ILogger<InvoiceFinalizerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FinalizePollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await invoicer.FinalizeDueAsync(cancellationToken: stoppingToken) is var count and > 0)
                {
                    LogFinalized(count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick retries; a period stays a draft meanwhile, which loses nothing.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Finalized {Count} invoices automatically")]
    private partial void LogFinalized(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automatic invoice finalization failed; retrying on the next tick")]
    private partial void LogFailed(Exception ex);
}
