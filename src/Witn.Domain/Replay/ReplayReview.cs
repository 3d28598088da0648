using Witn.Domain.Evaluation;

namespace Witn.Domain.Replay;

/// <summary>A review decision as recorded: the decision (decided on the tenant's clock) and when it was taken in real time.</summary>
public sealed record ReplayReview(ReviewDecision Decision, DateTimeOffset RealAt)
{
    public ReplayClock At => new(Decision.DecidedAt, RealAt);
}
