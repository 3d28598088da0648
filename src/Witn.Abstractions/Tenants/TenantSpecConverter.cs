using Witn.Domain.Tenants;

namespace Witn.Abstractions.Tenants;

[RegisterConverter]
public sealed class TenantSpecConverter : IConverter<TenantSpec, TenantSpecSurrogate>
{
    public TenantSpec ConvertFromSurrogate(in TenantSpecSurrogate s) =>
        new(s.Name, s.Timezone, s.Sandbox, s.ClockStart, s.BackfillLimit, s.AutoFinalize, s.FinalizeGrace, s.DisputeAckWithin, s.DisputeResolveWithin, s.DisputeApprovalLimit, s.Stripe, s.Lago);

    public TenantSpecSurrogate ConvertToSurrogate(in TenantSpec v) =>
        new(v.Name, v.Timezone, v.Sandbox, v.ClockStart, v.BackfillLimit, v.AutoFinalize, v.FinalizeGrace, v.DisputeAckWithin, v.DisputeResolveWithin, v.DisputeApprovalLimit, v.Stripe, v.Lago);
}
