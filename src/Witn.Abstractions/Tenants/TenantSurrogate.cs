namespace Witn.Abstractions.Tenants;

/// <summary>Wire form of <see cref="Witn.Domain.Tenants.Tenant"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.tenant")]
public readonly record struct TenantSurrogate(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] bool Sandbox,
    [property: Id(4)] DateTimeOffset? ClockStart,
    [property: Id(5)] DateTimeOffset? ClockNow,
    [property: Id(6)] TimeSpan BackfillLimit,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset UpdatedAt,
    [property: Id(9)] bool AutoFinalize,
    [property: Id(10)] TimeSpan FinalizeGrace,
    [property: Id(11)] TimeSpan DisputeAckWithin = default,
    [property: Id(12)] TimeSpan DisputeResolveWithin = default,
    [property: Id(13)] decimal? DisputeApprovalLimit = null,
    [property: Id(14)] Witn.Domain.Exports.StripeBilling? Stripe = null,
    [property: Id(15)] Witn.Domain.Exports.LagoBilling? Lago = null);
