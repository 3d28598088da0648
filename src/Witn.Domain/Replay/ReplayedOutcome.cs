using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;

namespace Witn.Domain.Replay;

/// <summary>
/// One outcome replayed to the timeline's end: its status and state then, the ledger rows replay decided in order, and the
/// charges as they stand (credited or not). <see cref="Unsettled"/> says the decision did not converge within the
/// live grain's step limit (a defect, reported, never hidden). <see cref="EvaluatedAt"/> and <see cref="Decided"/>
/// are the last decision's clock and result, which is what the live grain stored; <see cref="Statuses"/> every status
/// it passed through.
/// </summary>
public sealed record ReplayedOutcome(
    OutcomeStatus Status,
    Lazy<OutcomeState> Final,
    IReadOnlyList<ReplayStep> Steps,
    IReadOnlyList<HeldCharge> Charges,
    bool Unsettled,
    DateTimeOffset? EvaluatedAt,
    OutcomeProgress? Decided,
    IReadOnlyCollection<OutcomeStatus> Statuses)
{
    /// <summary>The full state at the end, explanation included (built when asked: most replays never need it).</summary>
    public OutcomeState State => Final.Value;

    /// <summary>The charge left standing (not credited), if any.</summary>
    public HeldCharge? Standing => Charges.LastOrDefault(c => !c.Credited);
}
