using Witn.Domain.Exports;

namespace Witn.Abstractions.Tenants;

[RegisterConverter]
public sealed class LagoBillingSpecConverter : IConverter<LagoBillingSpec, LagoBillingSpecSurrogate>
{
    public LagoBillingSpec ConvertFromSurrogate(in LagoBillingSpecSurrogate s) => new(s.ExternalCustomerId);

    public LagoBillingSpecSurrogate ConvertToSurrogate(in LagoBillingSpec v) => new(v.ExternalCustomerId);
}
