using Witn.Domain.Exports;

namespace Witn.Abstractions.Tenants;

[RegisterConverter]
public sealed class StripeBillingSpecConverter : IConverter<StripeBillingSpec, StripeBillingSpecSurrogate>
{
    public StripeBillingSpec ConvertFromSurrogate(in StripeBillingSpecSurrogate s) => new(s.CustomerId, s.Collection, s.DaysUntilDue, s.AutoAdvance);

    public StripeBillingSpecSurrogate ConvertToSurrogate(in StripeBillingSpec v) => new(v.CustomerId, v.Collection, v.DaysUntilDue, v.AutoAdvance);
}
