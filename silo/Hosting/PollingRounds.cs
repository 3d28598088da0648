namespace Witn.Silo.Hosting;

/// <summary>
/// The loop of the silo's background workers (webhooks, exports, reconciliation): a round, a rest, a round, until the
/// silo stops. A round that fails (PostgreSQL restarting, say) is reported and the next one tried after the rest;
/// whatever it held under a lease is taken again when the lease ends.
/// </summary>
public static class PollingRounds
{
    public static async Task RunAsync(Func<CancellationToken, Task> round, TimeSpan rest, TimeProvider time, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failed(e);
            }

            try
            {
                await Task.Delay(rest, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
