namespace Witn.Domain.Ingestion;

/// <summary>What the sender called each field, so that messages name the field that was actually sent.</summary>
public sealed record EventFieldNames(
    string TenantId,
    string Type,
    string Timestamp,
    string IdempotencyKey,
    string AgentId,
    string AgentVersion,
    string Properties)
{
    public static EventFieldNames Native { get; } =
        new("tenant_id", "type", "timestamp", "idempotency_key", "agent.id", "agent.version", "properties");

    public static EventFieldNames CloudEvents { get; } =
        new("tenantid", "type", "time", "id", "agentid", "agentversion", "data");

    public static EventFieldNames For(EnvelopeFormat format) => format == EnvelopeFormat.Native ? Native : CloudEvents;
}
