using System.Text.Json;
using Witn.Domain.Events;

namespace Witn.Domain.Ingestion;

/// <summary>
/// One event as read from a request, before the tenant's rules are applied (<see cref="EventValidator"/>).
/// The timestamp is already UTC and truncated to microseconds; <see cref="PropertiesJson"/> is canonical JSON
/// (<see cref="CanonicalJson"/>) of whatever was sent, which the validator requires to be an object;
/// <see cref="PropertiesDepth"/> and <see cref="PropertiesBytes"/> (UTF-8 length of the canonical text) are
/// measured while reading so that validation does not read the properties again.
/// </summary>
public sealed record ParsedEvent(
    EnvelopeFormat Format,
    string TenantId,
    string Type,
    DateTimeOffset Timestamp,
    string? IdempotencyKey,
    AgentRef? Agent,
    TraceContext? Trace,
    string PropertiesJson,
    JsonValueKind PropertiesKind,
    int PropertiesDepth,
    int PropertiesBytes)
{
    /// <summary>The field names the sender used (native or CloudEvents), for messages.</summary>
    public EventFieldNames FieldNames => EventFieldNames.For(Format);
}
