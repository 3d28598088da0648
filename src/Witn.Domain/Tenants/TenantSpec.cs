namespace Witn.Domain.Tenants;

/// <summary>What a client asks a tenant to be (the body of <c>PUT /v1/tenants/{id}</c>), before validation.</summary>
public sealed record TenantSpec(
    string? Name,
    string? Timezone,
    bool? Sandbox,
    DateTimeOffset? ClockStart,
    string? BackfillLimit,
    bool? AutoFinalize = null,
    string? FinalizeGrace = null,
    string? DisputeAckWithin = null,
    string? DisputeResolveWithin = null,
    string? DisputeApprovalLimit = null,
    Exports.StripeBillingSpec? Stripe = null,
    Exports.LagoBillingSpec? Lago = null);
