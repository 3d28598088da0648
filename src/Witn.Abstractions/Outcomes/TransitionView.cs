namespace Witn.Abstractions.Outcomes;

/// <summary>One lifecycle transition: the state entered, when, and why.</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.transition")]
public sealed record TransitionView([property: Id(0)] string State, [property: Id(1)] DateTimeOffset At, [property: Id(2)] string? Reason);
