using System.Text.Json;
using System.Text.Json.Serialization;

namespace Witn.Domain.Events;

/// <summary>
/// One business event as the domain sees it. <see cref="Properties"/> is a self-contained
/// (cloned) JSON object; it is read-only and cheap to query, and round-trips through
/// <see cref="PropertiesJson"/> for layers that serialise events as plain strings.
/// Equality compares properties by JSON content, not by document identity. <see cref="ReceivedAt"/> (when the log
/// took the event, known once it is logged) is bookkeeping for evidence and not part of equality.
/// </summary>
public sealed record OutcomeEvent(
    Guid EventId,
    string TenantId,
    string Type,
    DateTimeOffset Timestamp,
    JsonElement Properties,
    string IdempotencyKey,
    AgentRef? Agent = null,
    string? TraceId = null,
    string? SpanId = null,
    DateTimeOffset? ReceivedAt = null)
{
    /// <summary>The properties as compact JSON text (<c>{}</c> when there are none).</summary>
    [JsonIgnore]
    public string PropertiesJson => Properties.ValueKind == JsonValueKind.Undefined ? "{}" : Properties.GetRawText();

    /// <summary>Builds an event from JSON text; throws <see cref="ArgumentException"/> unless it is an object.</summary>
    public static OutcomeEvent Create(
        Guid eventId,
        string tenantId,
        string type,
        DateTimeOffset timestamp,
        string propertiesJson,
        string idempotencyKey,
        AgentRef? agent = null,
        string? traceId = null,
        string? spanId = null,
        DateTimeOffset? receivedAt = null) =>
        new(eventId, tenantId, type, timestamp, ParseProperties(propertiesJson), idempotencyKey, agent, traceId, spanId, receivedAt);

    /// <summary>Parses an object into a detached element (safe to keep after the text is gone).</summary>
    public static JsonElement ParseProperties(string json)
    {
        // One parse into a detached element (JsonDocument.Parse + Clone parsed into a pooled buffer, then copied).
        var element = JsonElement.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("event properties must be a JSON object", nameof(json));
        }

        return element;
    }

    public bool Equals(OutcomeEvent? other) =>
        other is not null
        && EventId == other.EventId
        && string.Equals(TenantId, other.TenantId, StringComparison.Ordinal)
        && string.Equals(Type, other.Type, StringComparison.Ordinal)
        && Timestamp.Equals(other.Timestamp)
        && Timestamp.Offset == other.Timestamp.Offset
        && string.Equals(IdempotencyKey, other.IdempotencyKey, StringComparison.Ordinal)
        && Equals(Agent, other.Agent)
        && string.Equals(TraceId, other.TraceId, StringComparison.Ordinal)
        && string.Equals(SpanId, other.SpanId, StringComparison.Ordinal)
        && JsonElement.DeepEquals(Normalize(Properties), Normalize(other.Properties));

    public override int GetHashCode() => HashCode.Combine(EventId, Type, Timestamp, IdempotencyKey);

    private static JsonElement Normalize(JsonElement e) => e.ValueKind == JsonValueKind.Undefined ? Empty : e;

    private static readonly JsonElement Empty = ParseProperties("{}");
}
