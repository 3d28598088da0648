namespace Witn.Abstractions.Events;

/// <summary>
/// The wire form of the domain's <see cref="Witn.Domain.Events.OutcomeEvent"/>: the domain stays free of Orleans,
/// and grains still pass the very event type the evaluator folds over. Properties travel as their JSON text.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.events.outcome-event")]
public readonly record struct OutcomeEventSurrogate(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string PropertiesJson,
    [property: Id(5)] string IdempotencyKey,
    [property: Id(6)] string? AgentId,
    [property: Id(7)] string? AgentVersion,
    [property: Id(8)] string? TraceId,
    [property: Id(9)] string? SpanId,
    [property: Id(10)] DateTimeOffset? ReceivedAt);
