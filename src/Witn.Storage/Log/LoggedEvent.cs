using Witn.Domain.Events;

namespace Witn.Storage.Log;

/// <summary>
/// An event as stored in the log. <see cref="PropertiesJson"/> comes back from jsonb, so it is the same JSON
/// value but not necessarily the same text (key order and whitespace are normalized); timestamps have
/// microsecond precision.
/// </summary>
public sealed record LoggedEvent(
    int Partition,
    long Position,
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
    DateTimeOffset ReceivedAt)
{
    /// <summary>The event as the domain folds it (the log receiver and replay both read it so).</summary>
    public OutcomeEvent ToOutcomeEvent() => OutcomeEvent.Create(
        EventId,
        TenantId,
        Type,
        Timestamp,
        PropertiesJson,
        IdempotencyKey ?? "",
        AgentId is null ? null : new AgentRef(AgentId, AgentVersion),
        TraceId,
        SpanId,
        ReceivedAt);
}
