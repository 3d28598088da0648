namespace Witn.Silo.Webhooks;

/// <summary>
/// How the webhook dispatcher works, from configuration section <c>Witn:Webhooks</c> (e.g. environment variable
/// <c>Witn__Webhooks__PollInterval=00:00:05</c>); checked at startup by <see cref="WebhookOptionsValidator"/>.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Witn:Webhooks";

    /// <summary>How long the dispatcher rests after a round that found nothing more to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Outbox rows fanned out, and deliveries claimed, per statement.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Requests one silo has in flight at once.</summary>
    public int MaxConcurrentSends { get; set; } = 8;

    /// <summary>How long a receiver may take to answer; a slower answer counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a claimed delivery is held by its sender. Longer than <see cref="RequestTimeout"/>, so a live sender
    /// always records its result first; a sender that crashed leaves the delivery to be retried when it ends.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Each wait is shortened by a random part of up to this fraction of itself (0 to 1): deliveries that failed
    /// together (a receiver down) are retried spread out, not all in the same second when it comes back.
    /// </summary>
    public double RetryJitter { get; set; } = 0.5;

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is dead (dead-lettered: kept, listed, replayable, not retried).</summary>
    public int MaxAttempts { get; set; } = 8;
}
