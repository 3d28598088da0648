namespace Witn.Domain.Tenants;

/// <summary>
/// A customer being billed. A sandbox tenant runs on its own test clock (starting at <see cref="ClockStart"/>,
/// now at <see cref="ClockNow"/>), against which its event timestamps are checked; other tenants use real time.
/// A billing period's invoice may be finalized once the period has ended and <see cref="FinalizeGrace"/> has passed
/// (by hand, or automatically when <see cref="AutoFinalize"/> is set). <see cref="Disputes"/> are its dispute terms
/// (null: the defaults). <see cref="Stripe"/> and <see cref="Lago"/> say where its money is handed on (null: nowhere).
/// </summary>
public sealed record Tenant(
    string Id,
    string Name,
    string TimeZone,
    bool Sandbox,
    DateTimeOffset? ClockStart,
    DateTimeOffset? ClockNow,
    TimeSpan BackfillLimit,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool AutoFinalize,
    TimeSpan FinalizeGrace,
    Disputes.DisputeSettings? Disputes = null,
    Exports.StripeBilling? Stripe = null,
    Exports.LagoBilling? Lago = null)
{
    /// <summary>The tenant's dispute terms: its own, or the defaults (48 h, 14 days, no approval limit).</summary>
    public Disputes.DisputeSettings DisputeTerms => Disputes ?? Witn.Domain.Disputes.DisputeSettings.Default;

    /// <summary>Terms as a tenant keeps them: null when they are the defaults, so equal tenants compare equal however they were read.</summary>
    public static Disputes.DisputeSettings? OwnTerms(Disputes.DisputeSettings terms) => terms == Witn.Domain.Disputes.DisputeSettings.Default ? null : terms;

    public static readonly TimeSpan DefaultBackfillLimit = TimeSpan.FromDays(35);

    public static readonly TimeSpan DefaultFinalizeGrace = TimeSpan.FromHours(1);

    /// <summary>The tenant's "now": its test clock when it is a sandbox, the real clock otherwise.</summary>
    public DateTimeOffset Now(TimeProvider realTime) => Now(realTime.GetUtcNow());

    /// <inheritdoc cref="Now(TimeProvider)"/>
    public DateTimeOffset Now(DateTimeOffset realNow) => Sandbox && ClockNow is { } test ? test : realNow;
}
