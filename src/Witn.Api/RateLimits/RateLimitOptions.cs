namespace Witn.Api.RateLimits;

/// <summary>
/// The per-key request limit, from configuration section <c>Witn:RateLimit</c> (e.g. environment variable
/// <c>Witn__RateLimit__TokensPerPeriod=2000</c>); checked at startup by <see cref="RateLimitOptionsValidator"/>.
/// Each API key has a token bucket on each silo: a request takes a token, the bucket holds at most
/// <see cref="TokenLimit"/> and gains <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>.
/// The defaults are far above what a well-behaved client sends (the ingest benchmark's 50,000+ events/s is a
/// few hundred 100-event requests a second): they stop a runaway loop, not a busy agent.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Witn:RateLimit";

    /// <summary>False turns the limit off (every key may send as fast as the silo answers).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bucket's size: the longest burst one key may send at once.</summary>
    public int TokenLimit { get; set; } = 20_000;

    /// <summary>Tokens added to each key's bucket every <see cref="ReplenishmentPeriod"/>: the sustained rate.</summary>
    public int TokensPerPeriod { get; set; } = 10_000;

    /// <summary>How often the buckets are refilled.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
