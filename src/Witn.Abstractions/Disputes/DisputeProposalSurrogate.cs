using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>Wire form of <see cref="DisputeProposal"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.proposal")]
public readonly record struct DisputeProposalSurrogate(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] string Note,
    [property: Id(2)] string ProposedBy,
    [property: Id(3)] DateTimeOffset At);
