using Witn.Domain.Common;

namespace Witn.Domain.Ingestion;

/// <summary>
/// An event that passed validation, with its identity: what the durable log appends. <see cref="EventId"/>
/// is deterministic (<see cref="EventIdentity"/>); <see cref="IdempotencyKey"/> is null when the id was derived
/// from the natural key; <see cref="PropertiesJson"/> is canonical JSON and <see cref="ContentHash"/> the
/// SHA-256 of the content (type, timestamp, agent, properties; not the trace, not the key), which tells a
/// duplicate (same hash) from a conflict (different hash) for the same id.
/// </summary>
public sealed record ValidatedEvent(
    Guid EventId,
    string TenantId,
    string Type,
    DateTimeOffset Timestamp,
    string? IdempotencyKey,
    string? AgentId,
    string? AgentVersion,
    string? TraceId,
    string? SpanId,
    string? ParentSpanId,
    string PropertiesJson,
    ValueArray<byte> ContentHash)
{
    /// <summary>True when the id comes from (tenant, type, timestamp, properties) because no key was sent.</summary>
    public bool IdFromNaturalKey => IdempotencyKey is null;

    /// <summary>The content hash as lowercase hex (64 digits), for logs and messages.</summary>
    public string ContentHashHex => Convert.ToHexStringLower(ContentHash.AsSpan());
}
