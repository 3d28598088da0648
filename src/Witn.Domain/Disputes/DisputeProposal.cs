namespace Witn.Domain.Disputes;

/// <summary>A credit above the tenant's approval limit, waiting for a second admin key to approve it.</summary>
public sealed record DisputeProposal(decimal Amount, string Note, string ProposedBy, DateTimeOffset At);
