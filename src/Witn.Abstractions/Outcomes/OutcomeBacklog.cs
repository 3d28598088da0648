namespace Witn.Abstractions.Outcomes;

/// <summary>A tenant's settlement backlog at a moment: how many outcomes have something due and not done, and the longest due of them (soonest due first).</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.backlog")]
public sealed record OutcomeBacklog(
    [property: Id(0)] long Due,
    [property: Id(1)] OutcomeListItem[] Oldest);
