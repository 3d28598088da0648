namespace Witn.Abstractions.Tenants;

/// <summary>Wire form of <see cref="Witn.Domain.Tenants.TenantSpec"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.tenant-spec")]
public readonly record struct TenantSpecSurrogate(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Timezone,
    [property: Id(2)] bool? Sandbox,
    [property: Id(3)] DateTimeOffset? ClockStart,
    [property: Id(4)] string? BackfillLimit,
    [property: Id(5)] bool? AutoFinalize,
    [property: Id(6)] string? FinalizeGrace,
    [property: Id(7)] string? DisputeAckWithin = null,
    [property: Id(8)] string? DisputeResolveWithin = null,
    [property: Id(9)] string? DisputeApprovalLimit = null,
    [property: Id(10)] Witn.Domain.Exports.StripeBillingSpec? Stripe = null,
    [property: Id(11)] Witn.Domain.Exports.LagoBillingSpec? Lago = null);
