using Witn.Domain.Evaluation;

namespace Witn.Domain.Settlement;

/// <summary>
/// The money decision for one outcome, the only place it is made (the live grain and replay both call it): from
/// the fold's status at the clock, whether the definition bills, the terms a charge made now would carry, and the
/// charges the ledger already holds for the outcome, the one next step that brings the ledger closer to what the
/// in-order evaluation of the events says. Carrying the step out and asking again converges: every step is
/// idempotent in the ledger (a charge by its sequence, a credit by its charge), so a crash anywhere repeats a step
/// at worst. The invariant (docs/lifecycle.md, property-tested): once no step is left, the outcome's net ledger
/// (charges − credits) is its terms' amount when it is settled and billable, and zero otherwise.
/// </summary>
public static class SettlementDecision
{
    /// <summary>
    /// Steps one decision may take: a re-issue is a credit and a charge, a reversal found late a charge and a credit;
    /// more means the terms are not stable, a defect: the outcome stays due and says so.
    /// </summary>
    public const int MaxStepsPerSync = 6;

    /// <param name="status">The fold's status at the clock.</param>
    /// <param name="billable">The definition is active. A shadow or retired one never charges, but its charges are still credited when they should not stand.</param>
    /// <param name="terms">The terms of a charge made now; needed when <paramref name="status"/> is settled or reversed and the definition bills (else ignored).</param>
    /// <param name="held">Every charge the ledger holds for this outcome, credited or not.</param>
    public static SettlementStep Next(OutcomeStatus status, bool billable, ChargeTerms? terms, IReadOnlyList<HeldCharge> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        HeldCharge? open = null;
        foreach (var charge in held)
        {
            if (!charge.Credited)
            {
                // Several open charges can only come from an interrupted re-issue: keep the one with the current terms.
                if (open is null || (status == OutcomeStatus.Settled && charge.Terms == terms && open.Terms != terms))
                {
                    open = charge;
                }
            }
        }

        switch (status)
        {
            case OutcomeStatus.Qualified:
                // Still inside its window (or a clock that lags): whatever it holds waits for the window to close.
                return SettlementStep.None;

            case OutcomeStatus.Settled:
                if (!billable)
                {
                    return SettlementStep.None;
                }

                ArgumentNullException.ThrowIfNull(terms);
                foreach (var charge in held)
                {
                    if (!charge.Credited && !ReferenceEquals(charge, open))
                    {
                        return SettlementStep.Credit(charge.Id, CreditCause.Repriced);
                    }
                }

                if (open is null)
                {
                    return SettlementStep.Charge(NextSequence(held));
                }

                return open.Terms == terms ? SettlementStep.None : SettlementStep.Credit(open.Id, CreditCause.Repriced);

            case OutcomeStatus.Reversed:
                // In event time it settled and was then reversed: charged, then credited, whatever order events came in.
                if (held.Count == 0)
                {
                    return billable ? SettlementStep.Charge(1) : SettlementStep.None;
                }

                return open is null ? SettlementStep.None : SettlementStep.Credit(open.Id, CreditCause.Reversed);

            default:
                return open is null ? SettlementStep.None : SettlementStep.Credit(open.Id, CauseOf(status));
        }
    }

    /// <summary>
    /// Whether <see cref="Next"/> needs the terms of a charge made now: only a billable outcome that may be charged
    /// (settled, or reversed and never charged). Pricing builds the explanation and reads the contract, so a caller
    /// prices only when this says so.
    /// </summary>
    public static bool NeedsTerms(OutcomeStatus status, bool billable, IReadOnlyList<HeldCharge> held) =>
        billable && (status == OutcomeStatus.Settled || (status == OutcomeStatus.Reversed && held.Count == 0));

    /// <summary>The net the ledger must hold once no step is left: the terms' amount when settled and billable, else zero (the reference for tests and replay).</summary>
    public static bool ShouldStand(OutcomeStatus status, bool billable) => status == OutcomeStatus.Settled && billable;

    private static int NextSequence(IReadOnlyList<HeldCharge> held)
    {
        var max = 0;
        foreach (var charge in held)
        {
            max = Math.Max(max, charge.Sequence);
        }

        return max + 1;
    }

    private static CreditCause CauseOf(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Voided => CreditCause.Voided,
        OutcomeStatus.Rejected => CreditCause.Rejected,
        OutcomeStatus.Expired => CreditCause.Expired,
        OutcomeStatus.InReview => CreditCause.InReview,
        _ => CreditCause.Disqualified,
    };
}
