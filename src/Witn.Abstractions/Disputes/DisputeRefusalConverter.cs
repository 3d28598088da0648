using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

[RegisterConverter]
public sealed class DisputeRefusalConverter : IConverter<DisputeRefusal, DisputeRefusalSurrogate>
{
    public DisputeRefusal ConvertFromSurrogate(in DisputeRefusalSurrogate s) => new(s.Kind, s.Field, s.Detail, s.Fix, s.Existing);

    public DisputeRefusalSurrogate ConvertToSurrogate(in DisputeRefusal r) => new(r.Kind, r.Field, r.Detail, r.Fix, r.Existing);
}
