using Witn.Domain.Ingestion;

namespace Witn.Abstractions.Ingestion;

[RegisterConverter]
public sealed class EventResultConverter : IConverter<EventResult, EventResultSurrogate>
{
    public EventResult ConvertFromSurrogate(in EventResultSurrogate s) => new((EventResultStatus)s.Status, s.EventId, s.Code, s.Field, s.Reason);

    public EventResultSurrogate ConvertToSurrogate(in EventResult v) => new((int)v.Status, v.EventId, v.Code, v.Field, v.Reason);
}
