namespace Witn.Abstractions.Alerts;

/// <summary>One series of a rule: tenant, key (<see cref="Witn.Domain.Alerts.AlertSeriesKeys"/>), status (ok, pending, firing), since when outside, the open firing.</summary>
[GenerateSerializer, Immutable, Alias("witn.alerts.series-info")]
public sealed record AlertSeriesInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Series,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset? OutsideSince,
    [property: Id(4)] Guid? FiringId,
    [property: Id(5)] DateTimeOffset UpdatedAt);
