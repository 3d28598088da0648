using Witn.Domain.Exports;

namespace Witn.Abstractions.Tenants;

[RegisterConverter]
public sealed class LagoBillingConverter : IConverter<LagoBilling, LagoBillingSurrogate>
{
    public LagoBilling ConvertFromSurrogate(in LagoBillingSurrogate s) => new(s.ExternalCustomerId);

    public LagoBillingSurrogate ConvertToSurrogate(in LagoBilling v) => new(v.ExternalCustomerId);
}
