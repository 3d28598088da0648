using Witn.Domain.Common;
using Witn.Domain.Tenants;

namespace Witn.Api.Tenants;

/// <summary>A tenant as the API shows it.</summary>
public sealed record TenantResponse(
    string Id,
    string Name,
    string Timezone,
    bool Sandbox,
    DateTimeOffset? ClockStart,
    DateTimeOffset? ClockNow,
    string BackfillLimit,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool AutoFinalize,
    string FinalizeGrace,
    string DisputeAckWithin,
    string DisputeResolveWithin,
    string? DisputeApprovalLimit,
    StripeBillingResponse? Stripe,
    Witn.Domain.Exports.LagoBilling? Lago)
{
    public static TenantResponse From(Tenant t) =>
        new(t.Id, t.Name, t.TimeZone, t.Sandbox, t.ClockStart, t.ClockNow, Durations.Format(t.BackfillLimit), t.CreatedAt, t.UpdatedAt,
            t.AutoFinalize, Durations.Format(t.FinalizeGrace), Durations.Format(t.DisputeTerms.AckWithin), Durations.Format(t.DisputeTerms.ResolveWithin),
            t.DisputeTerms.ApprovalLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            t.Stripe is { } s ? new StripeBillingResponse(s.CustomerId, s.CollectionName, s.DaysUntilDue, s.AutoAdvance) : null, t.Lago);
}
