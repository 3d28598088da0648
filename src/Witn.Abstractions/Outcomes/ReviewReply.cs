namespace Witn.Abstractions.Outcomes;

/// <summary>The outcome after a review decision, or why the decision was refused (<see cref="Problem"/>).</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.review-reply")]
public sealed record ReviewReply([property: Id(0)] OutcomeView? Outcome, [property: Id(1)] string? Problem);
