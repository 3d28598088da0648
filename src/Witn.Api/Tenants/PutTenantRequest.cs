namespace Witn.Api.Tenants;

/// <summary>Body of <c>PUT /v1/tenants/{id}</c>; omitted fields keep their current (or default) values.</summary>
public sealed record PutTenantRequest(
    string? Name,
    string? Timezone,
    bool? Sandbox,
    DateTimeOffset? ClockStart,
    string? BackfillLimit,
    bool? AutoFinalize,
    string? FinalizeGrace,
    string? DisputeAckWithin = null,
    string? DisputeResolveWithin = null,
    string? DisputeApprovalLimit = null,
    Witn.Domain.Exports.StripeBillingSpec? Stripe = null,
    Witn.Domain.Exports.LagoBillingSpec? Lago = null);
