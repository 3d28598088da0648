using Witn.Domain.Events;

namespace Witn.Abstractions.Events;

/// <summary>Lets Orleans serialize <see cref="OutcomeEvent"/> through <see cref="OutcomeEventSurrogate"/>.</summary>
[RegisterConverter]
public sealed class OutcomeEventConverter : IConverter<OutcomeEvent, OutcomeEventSurrogate>
{
    public OutcomeEvent ConvertFromSurrogate(in OutcomeEventSurrogate surrogate) => OutcomeEvent.Create(
        surrogate.EventId,
        surrogate.TenantId,
        surrogate.Type,
        surrogate.Timestamp,
        surrogate.PropertiesJson,
        surrogate.IdempotencyKey,
        surrogate.AgentId is null ? null : new AgentRef(surrogate.AgentId, surrogate.AgentVersion),
        surrogate.TraceId,
        surrogate.SpanId,
        surrogate.ReceivedAt);

    public OutcomeEventSurrogate ConvertToSurrogate(in OutcomeEvent value) => new(
        value.EventId,
        value.TenantId,
        value.Type,
        value.Timestamp,
        value.PropertiesJson,
        value.IdempotencyKey,
        value.Agent?.Id,
        value.Agent?.Version,
        value.TraceId,
        value.SpanId,
        value.ReceivedAt);
}
