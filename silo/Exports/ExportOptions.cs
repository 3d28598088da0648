namespace Witn.Silo.Exports;

/// <summary>
/// How exporters and reconciliation work, from configuration section <c>Witn:Exports</c> (e.g.
/// <c>Witn__Exports__StripeOperationsPerSecond=40</c>); checked at startup by <see cref="ExportOptionsValidator"/>.
/// The providers' keys and addresses are not here: they are secrets and come from <c>--stripe-api-key</c> and friends.
/// </summary>
public sealed class ExportOptions
{
    public const string Section = "Witn:Exports";

    /// <summary>How long the exporter rests after a round that found nothing due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Exports claimed per statement.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Exports one silo works on at once.</summary>
    public int MaxConcurrentExports { get; set; } = 4;

    /// <summary>How long a provider may take to answer one request; a slower answer counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed export is held: longer than an invoice's requests take, so a live exporter records its result first.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Each wait is shortened by a random part of up to this fraction of itself (0 to 1).</summary>
    public double RetryJitter { get; set; } = 0.5;

    /// <summary>After this long of transient failures an export is dead (retry it by hand).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Requests per second to Stripe from this silo (Stripe allows 100 in live mode; staying at 80 leaves room for the
    /// vendor's own calls). With several silos, divide: each keeps its own bucket.
    /// </summary>
    public double StripeOperationsPerSecond { get; set; } = 80;

    /// <summary>Requests per second to Lago from this silo.</summary>
    public double LagoOperationsPerSecond { get; set; } = 50;

    /// <summary>
    /// An export first tried longer ago than this looks up what Stripe already holds (by metadata, with list calls)
    /// before creating anything: Stripe keeps idempotency keys for 24 hours, after which a repeated key is a new request.
    /// </summary>
    public TimeSpan LookupAfter { get; set; } = TimeSpan.FromHours(23);

    /// <summary>How often every exported invoice is reconciled with its provider (the daily run).</summary>
    public TimeSpan ReconcileEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The public address of this API, put before evidence links in Stripe metadata (empty: the links stay relative).</summary>
    public string PublicUrl { get; set; } = "";
}
