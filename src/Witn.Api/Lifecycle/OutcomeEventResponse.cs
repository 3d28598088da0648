using System.Text.Json;
using Witn.Api.Outcomes;
using Witn.Domain.Events;

namespace Witn.Api.Lifecycle;

/// <summary>One event an outcome holds, as it was logged.</summary>
public sealed record OutcomeEventResponse(
    Guid Id,
    string Type,
    DateTimeOffset Timestamp,
    DateTimeOffset? ReceivedAt,
    string IdempotencyKey,
    AgentResponse? Agent,
    string? TraceId,
    string? SpanId,
    JsonElement Properties)
{
    public static OutcomeEventResponse From(OutcomeEvent e) => new(
        e.EventId, e.Type, e.Timestamp, e.ReceivedAt, e.IdempotencyKey, e.Agent is null ? null : new AgentResponse(e.Agent.Id, e.Agent.Version),
        e.TraceId, e.SpanId, e.Properties);
}
