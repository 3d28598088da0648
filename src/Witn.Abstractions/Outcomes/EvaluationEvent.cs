namespace Witn.Abstractions.Outcomes;

/// <summary>An event to evaluate; the properties travel as JSON object text.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.evaluation-event")]
public sealed record EvaluationEvent(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string IdempotencyKey,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string PropertiesJson,
    [property: Id(5)] string? AgentId,
    [property: Id(6)] string? AgentVersion,
    [property: Id(7)] string? TraceId,
    [property: Id(8)] string? SpanId);
