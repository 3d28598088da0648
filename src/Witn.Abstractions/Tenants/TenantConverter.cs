using Witn.Domain.Disputes;
using Witn.Domain.Tenants;

namespace Witn.Abstractions.Tenants;

[RegisterConverter]
public sealed class TenantConverter : IConverter<Tenant, TenantSurrogate>
{
    public Tenant ConvertFromSurrogate(in TenantSurrogate s) =>
        new(s.Id, s.Name, s.TimeZone, s.Sandbox, s.ClockStart, s.ClockNow, s.BackfillLimit, s.CreatedAt, s.UpdatedAt, s.AutoFinalize, s.FinalizeGrace,
            s.DisputeAckWithin > TimeSpan.Zero ? Tenant.OwnTerms(new DisputeSettings(s.DisputeAckWithin, s.DisputeResolveWithin, s.DisputeApprovalLimit)) : null,
            s.Stripe, s.Lago);

    public TenantSurrogate ConvertToSurrogate(in Tenant t) =>
        new(t.Id, t.Name, t.TimeZone, t.Sandbox, t.ClockStart, t.ClockNow, t.BackfillLimit, t.CreatedAt, t.UpdatedAt, t.AutoFinalize, t.FinalizeGrace,
            t.DisputeTerms.AckWithin, t.DisputeTerms.ResolveWithin, t.DisputeTerms.ApprovalLimit, t.Stripe, t.Lago);
}
