using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

[RegisterConverter]
public sealed class DisputeMessageConverter : IConverter<DisputeMessage, DisputeMessageSurrogate>
{
    public DisputeMessage ConvertFromSurrogate(in DisputeMessageSurrogate s) => new(s.Kind, s.Author, s.Text, s.At);

    public DisputeMessageSurrogate ConvertToSurrogate(in DisputeMessage m) => new(m.Kind, m.Author, m.Text, m.At);
}
