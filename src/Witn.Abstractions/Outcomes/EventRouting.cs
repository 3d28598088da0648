namespace Witn.Abstractions.Outcomes;

/// <summary>
/// Where an evaluated event went: the outcome's correlation value, or null with <see cref="Skipped"/>
/// (<c>not_listened</c>, <c>no_correlation_value</c> or <c>duplicate</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.event-routing")]
public sealed record EventRouting(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string? CorrelationValue,
    [property: Id(2)] string? Skipped);
