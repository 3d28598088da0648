using Witn.Domain.Evaluation;

namespace Witn.Abstractions.Outcomes;

/// <summary>What a tick left behind: the status and the next instant something is due (null when nothing is).</summary>
[GenerateSerializer, Immutable, Alias("witn.outcomes.tick")]
public sealed record OutcomeTick([property: Id(0)] OutcomeStatus Status, [property: Id(1)] DateTimeOffset? NextDueAt);
