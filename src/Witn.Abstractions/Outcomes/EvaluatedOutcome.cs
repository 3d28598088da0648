namespace Witn.Abstractions.Outcomes;

/// <summary>
/// One outcome of the evaluation. The domain's <c>OutcomeState</c> is not an Orleans type; it travels as its
/// System.Text.Json form (default options), which round-trips exactly.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.evaluated-outcome")]
public sealed record EvaluatedOutcome(
    [property: Id(0)] string CorrelationValue,
    [property: Id(1)] string StateJson);
