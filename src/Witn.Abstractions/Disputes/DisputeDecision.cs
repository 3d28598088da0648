using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>An operator's decision as read from its body; <see cref="By"/> is the deciding key id.</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.decision")]
public sealed record DisputeDecision(
    [property: Id(0)] DisputeDecisionKind Decision,
    [property: Id(1)] decimal? Amount,
    [property: Id(2)] string? Note,
    [property: Id(3)] string By);
