using Witn.Domain.Evaluation;

namespace Witn.Abstractions.Outcomes;

/// <summary>A reviewer's decision: who decided (the API key's name) and why.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.review-request")]
public sealed record ReviewRequest(
    [property: Id(0)] ReviewVerdict Verdict,
    [property: Id(1)] string DecidedBy,
    [property: Id(2)] string? Note);
