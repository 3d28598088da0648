using Witn.Abstractions.Outcomes;

namespace Witn.Grains.Outcomes;

/// <summary>
/// Ticks a tenant's due outcomes, a bounded number at once: their ledger commits and state writes ride in shared
/// group commits. Used by the sandbox clock's advance and by the live due sweep, which differ only in the instant.
/// </summary>
public static class DueOutcomes
{
    /// <summary>Ticks each of <paramref name="due"/> at <paramref name="at"/> (null: the tenant's clock); returns how many ticks succeeded.</summary>
    /// <param name="failed">Told of each tick that threw (the outcome stays due, so the caller's next round retries it).</param>
    public static async Task<int> TickAsync(
        IGrainFactory grains,
        string tenantId,
        IReadOnlyList<(string Definition, string Correlation)> due,
        DateTimeOffset? at,
        int concurrency,
        Action<Exception, string, string> failed,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(failed);
        var succeeded = 0;
        using var gate = new SemaphoreSlim(concurrency);
        await Task.WhenAll(due.Select(async key =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenantId, key.Definition, key.Correlation)).TickAsync(at);
                Interlocked.Increment(ref succeeded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex, key.Definition, key.Correlation);
            }
            finally
            {
                gate.Release();
            }
        }));
        return succeeded;
    }
}
