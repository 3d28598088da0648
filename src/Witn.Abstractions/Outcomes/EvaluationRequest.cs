namespace Witn.Abstractions.Outcomes;

/// <summary>
/// Either <see cref="Definition"/> (inline, already validated by the caller) or <see cref="Name"/> with an optional
/// <see cref="Version"/> (latest when null). <see cref="Now"/> defaults to the latest event's timestamp.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.evaluation-request")]
public sealed record EvaluationRequest(
    [property: Id(0)] DefinitionSource? Definition,
    [property: Id(1)] string? Name,
    [property: Id(2)] int? Version,
    [property: Id(3)] EvaluationEvent[] Events,
    [property: Id(4)] DateTimeOffset? Now,
    [property: Id(5)] EvaluationReview[] Reviews)
{
    /// <summary>The tenant the evaluation tool stands in for: its events' ids are <c>EventIds.FromIdempotencyKey("evaluate", key)</c>.</summary>
    public const string Tenant = "evaluate";
}
