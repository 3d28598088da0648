namespace Witn.Domain.Tenants;

/// <summary>
/// A customer being billed. A sandbox tenant runs on its own test clock (starting at <see cref="ClockStart"/>,
/// now at <see cref="ClockNow"/>), against which its event timestamps are checked; other tenants use real time.
/// A billing period's invoice may be finalized once the period has ended and <see cref="FinalizeGrace"/> has passed
/// (by hand, or automatically when <see cref="AutoFinalize"/> is set).
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
    TimeSpan FinalizeGrace)
{
    public static readonly TimeSpan DefaultBackfillLimit = TimeSpan.FromDays(35);

    public static readonly TimeSpan DefaultFinalizeGrace = TimeSpan.FromHours(1);

    /// <summary>The tenant's "now": its test clock when it is a sandbox, the real clock otherwise.</summary>
    public DateTimeOffset Now(TimeProvider realTime) => Now(realTime.GetUtcNow());

    /// <inheritdoc cref="Now(TimeProvider)"/>
    public DateTimeOffset Now(DateTimeOffset realNow) => Sandbox && ClockNow is { } test ? test : realNow;
}
