using Witn.Domain.Exports;

namespace Witn.Abstractions.Tenants;

[RegisterConverter]
public sealed class StripeBillingConverter : IConverter<StripeBilling, StripeBillingSurrogate>
{
    public StripeBilling ConvertFromSurrogate(in StripeBillingSurrogate s) => new(s.CustomerId, s.Collection, s.DaysUntilDue, s.AutoAdvance);

    public StripeBillingSurrogate ConvertToSurrogate(in StripeBilling v) => new(v.CustomerId, v.Collection, v.DaysUntilDue, v.AutoAdvance);
}
