namespace Witn.Silo.Webhooks;

/// <summary>
/// The webhook dispatcher's random source for retry jitter (<see cref="Witn.Domain.Webhooks.WebhookRetry"/>): shared
/// by default; a test gives it a seeded <see cref="Random"/> to get the same waits on every run.
/// </summary>
public sealed class RetryJitter(Random random)
{
    private readonly Lock _gate = new();

    /// <summary>A uniform sample in [0, 1).</summary>
    public double NextSample()
    {
        // A seeded Random is not thread-safe, and the dispatcher records failures in parallel.
        lock (_gate)
        {
            return random.NextDouble();
        }
    }
}
