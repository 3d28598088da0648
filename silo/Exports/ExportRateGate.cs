using Witn.Domain.Exports;

namespace Witn.Silo.Exports;

/// <summary>
/// This silo's token buckets, one per provider (<see cref="TokenBucket"/>): every request to a provider waits here
/// first, so requests start at most at the configured rate however many exports run at once.
/// </summary>
public sealed class ExportRateGate(ExportOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ExportProvider, TokenBucket> _buckets = [];

    public async Task WaitAsync(ExportProvider provider, CancellationToken cancellationToken)
    {
        var rate = provider == ExportProvider.Stripe ? options.StripeOperationsPerSecond : options.LagoOperationsPerSecond;
        // A burst of a tenth of a second's worth keeps starts even: the provider counts per second, not per burst.
        var burst = Math.Max(1, rate / 10);
        TimeSpan wait;
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var bucket = _buckets.TryGetValue(provider, out var b) ? b : TokenBucket.Full(burst, now);
            (_buckets[provider], wait) = bucket.Reserve(now, rate, burst);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
