using Witn.Domain.Events;
using Witn.Domain.Ingestion;

namespace Witn.Domain.Evidence;

/// <summary>
/// One event as the evidence records it: the envelope fields a reviewer needs (type, event time, arrival time,
/// agent, trace) and the properties as canonical JSON text, so that equal events have equal text and the bundle's
/// bytes do not depend on how the properties were spelled. Instants are UTC.
/// </summary>
public sealed record EvidenceEvent(
    Guid EventId,
    string Type,
    DateTimeOffset Timestamp,
    DateTimeOffset? ReceivedAt,
    AgentRef? Agent,
    string? TraceId,
    string? SpanId,
    string PropertiesJson)
{
    /// <summary>The event as recorded; <paramref name="receivedAt"/> is when ingest accepted it (null when unknown).</summary>
    public static EvidenceEvent From(OutcomeEvent e, DateTimeOffset? receivedAt = null) =>
        Create(e.EventId, e.Type, e.Timestamp, receivedAt, e.Agent, e.TraceId, e.SpanId, e.PropertiesJson);

    /// <summary>Normalizes the instants to UTC and the properties to canonical JSON (throws <see cref="FormatException"/> when not JSON, <see cref="ArgumentException"/> when not an object).</summary>
    public static EvidenceEvent Create(
        Guid eventId,
        string type,
        DateTimeOffset timestamp,
        DateTimeOffset? receivedAt,
        AgentRef? agent,
        string? traceId,
        string? spanId,
        string propertiesJson)
    {
        var canonical = CanonicalJson.Canonicalize(string.IsNullOrWhiteSpace(propertiesJson) ? "{}" : propertiesJson);
        if (!canonical.StartsWith('{'))
        {
            throw new ArgumentException("event properties must be a JSON object", nameof(propertiesJson));
        }

        return new EvidenceEvent(eventId, type, timestamp.ToUniversalTime(), receivedAt?.ToUniversalTime(), agent, traceId, spanId, canonical);
    }

    /// <summary>Back to a domain event (for re-evaluation); the idempotency key is not part of the evidence.</summary>
    public OutcomeEvent ToOutcomeEvent(string tenantId) =>
        OutcomeEvent.Create(EventId, tenantId, Type, Timestamp, PropertiesJson, idempotencyKey: string.Empty, Agent, TraceId, SpanId);
}
