using Witn.Domain.Evaluation;

namespace Witn.Abstractions.Outcomes;

/// <summary>A review decision to apply; to every evaluated outcome, or only to the one with <see cref="CorrelationValue"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.evaluation-review")]
public sealed record EvaluationReview(
    [property: Id(0)] ReviewVerdict Verdict,
    [property: Id(1)] DateTimeOffset DecidedAt,
    [property: Id(2)] string? DecidedBy,
    [property: Id(3)] string? Note,
    [property: Id(4)] string? CorrelationValue);
