namespace Witn.Storage.Log;

/// <summary>
/// One event as ingestion appends it: already validated, with its deterministic id and the hash of its content
/// computed by the caller. <see cref="PropertiesJson"/> must be a JSON document (stored as jsonb).
/// </summary>
public sealed record LogRecord(
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
    byte[] ContentHash);
