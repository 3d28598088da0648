using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;

namespace Witn.Domain.Replay;

/// <summary>
/// Replays one outcome the way its live grain lived it: the events in the order the log took them, each decided at
/// the tenant's clock when it arrived, due moments decided when the clock passed them, review decisions when they
/// were taken. Every decision is the domain's own (<see cref="OutcomeFold"/> for the status,
/// <see cref="SettlementDecision"/> for the ledger step); only the ledger is a list here. So history replayed with
/// the versions that were in force gives back the ledger row for row, and a candidate definition or contract gives
/// what the ledger would have held.
/// </summary>
public static class OutcomeReplay
{
    /// <param name="definition">The definition version the outcome pinned (or a candidate).</param>
    /// <param name="arrivals">The outcome's events in arrival order.</param>
    /// <param name="reviews">Its recorded review decisions.</param>
    /// <param name="billable">Whether a charge may be made for an outcome whose first event is at the given instant.</param>
    public static ReplayedOutcome Run(
        CompiledDefinition definition,
        IReadOnlyList<ReplayArrival> arrivals,
        IReadOnlyList<ReplayReview> reviews,
        ReplayTimeline timeline,
        Func<DateTimeOffset, bool> billable,
        ReplayPricer price)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(arrivals);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(timeline);
        var run = new Replaying(definition, billable, price);
        var (a, r) = (0, 0);
        DateTimeOffset? due = null;
        while (true)
        {
            // The next recorded moment: an arrival, or a review (an arrival first when both fall on one moment).
            ReplayClock? next = null;
            if (a < arrivals.Count)
            {
                next = arrivals[a].At;
            }

            if (r < reviews.Count && (next is null || reviews[r].At < next.Value))
            {
                next = reviews[r].At;
            }

            // A due moment before it is decided first, as the reminder (or the advance) did.
            if (due is { } d && run.Started && timeline.DecidesAt(d, run.Last) is { } decides && (next is null || decides < next.Value))
            {
                due = run.Sync(decides);
                continue;
            }

            if (next is not { } at || at > timeline.End)
            {
                break;
            }

            if (a < arrivals.Count && arrivals[a].At == at)
            {
                // The grain decides only when an event changed the fold (a type it ignores is never routed to it).
                if (run.Fold.Apply(arrivals[a++].Event) != ApplyResult.Applied)
                {
                    continue;
                }
            }
            else
            {
                run.Fold.Review(reviews[r++].Decision);
            }

            due = run.Sync(at);
        }

        return run.Result(timeline.End);
    }

    private sealed class Replaying(CompiledDefinition definition, Func<DateTimeOffset, bool> billable, ReplayPricer price)
    {
        private readonly List<HeldCharge> _held = [];
        private readonly List<ReplayStep> _steps = [];
        private readonly HashSet<OutcomeStatus> _statuses = [];
        private DateTimeOffset? _evaluatedAt;
        private OutcomeProgress? _decided;
        private bool _unsettled;

        public OutcomeFold Fold { get; } = new(definition);

        public bool Started { get; private set; }

        public ReplayClock Last { get; private set; }

        /// <summary>Decides at <paramref name="at"/>, as the grain's sync does; returns the next due moment.</summary>
        public DateTimeOffset? Sync(ReplayClock at)
        {
            Started = true;
            Last = at;
            // The outcome's clock never goes back (the grain's rule: a lagging cached clock must not undo a settlement).
            var now = _evaluatedAt is { } last && last > at.Tenant ? last : at.Tenant;
            _evaluatedAt = now;
            var progress = Fold.Progress(now);
            _decided = progress;
            _statuses.Add(progress.Status);
            var mayBill = Fold.FirstEventAt is { } first && billable(first);
            ChargeTerms? quoted = null;
            for (var steps = 0; ; steps++)
            {
                ChargeTerms? terms = null;
                if (SettlementDecision.NeedsTerms(progress.Status, mayBill, _held))
                {
                    if (quoted is null)
                    {
                        var (firstEvent, dimensions, value) = Fold.PricingInputs();
                        quoted = price(firstEvent!.Value, dimensions, value, _held.Count == 0 ? null : _held[0].Terms, at.Real);
                    }

                    // The pin is the first charge's terms, fixed once made: within one decision the quote stands.
                    terms = quoted;
                }

                var step = SettlementDecision.Next(progress.Status, mayBill, terms, _held);
                if (step.IsNone)
                {
                    return progress.NextDueAt;
                }

                if (steps >= SettlementDecision.MaxStepsPerSync)
                {
                    _unsettled = true;
                    return now;
                }

                if (step.Kind == SettlementStepKind.Charge)
                {
                    _held.Add(new HeldCharge(ChargeId(step.Sequence), step.Sequence, terms!, null));
                    _steps.Add(new ReplayStep(step.Kind, step.Sequence, terms!, null, at with { Tenant = now }, progress.QualifiedAt, progress.SettlesAt));
                }
                else
                {
                    var index = _held.FindIndex(c => c.Id == step.ChargeId);
                    var charge = _held[index];
                    _held[index] = charge with { CreditId = CreditId(charge.Sequence) };
                    _steps.Add(new ReplayStep(step.Kind, charge.Sequence, charge.Terms, step.Cause, at with { Tenant = now }, progress.QualifiedAt, progress.SettlesAt));
                }
            }
        }

        public ReplayedOutcome Result(ReplayClock end)
        {
            var at = _evaluatedAt is { } last && last > end.Tenant ? last : end.Tenant;
            var fold = Fold;
            return new ReplayedOutcome(fold.Progress(at).Status, new Lazy<OutcomeState>(() => fold.Evaluate(at)), _steps, _held, _unsettled, _evaluatedAt, _decided, _statuses);
        }

        // Replay's own ids: only to tie a credit to its charge inside one outcome.
        private static Guid ChargeId(int sequence) => new(sequence, 0, 0, new byte[8]);

        private static Guid CreditId(int sequence) => new(sequence, 1, 0, new byte[8]);
    }
}
