namespace Witn.Domain.Evaluation.Engine;

/// <summary>Turns a walked fold plus review decisions and the clock into a status.</summary>
internal static class Lifecycle
{
    public static OutcomeProgress Decide(CompiledDefinition def, Walker w, IReadOnlyList<ReviewDecision> reviews, DateTimeOffset now, out ReviewDecision? review)
    {
        review = null;
        DateTimeOffset? At(long ticks) => ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

        if (!w.Started)
        {
            return new OutcomeProgress(OutcomeStatus.Open, null, null, null, null, null);
        }

        var expiresAt = At(w.ExpiresTicks);
        if (w.Phase == WalkPhase.Expired || (!w.Qualified && w.Phase == WalkPhase.Window && expiresAt <= now))
        {
            return new OutcomeProgress(OutcomeStatus.Expired, null, null, null, expiresAt, null);
        }

        if (!w.Qualified)
        {
            return new OutcomeProgress(OutcomeStatus.Open, null, null, null, expiresAt, expiresAt);
        }

        var qualifiedAt = At(w.QualifiedTicks);
        var settlesAt = At(w.SettlesTicks)!.Value;
        if (w.Phase == WalkPhase.Voided)
        {
            return new OutcomeProgress(OutcomeStatus.Voided, qualifiedAt, settlesAt, null, null, null);
        }

        var commitsAt = settlesAt + def.Definition.Settlement.Grace;
        if (def.ReviewWhen is { } when && when.Eval(w.States))
        {
            review = Effective(reviews, now);
            if (review is null)
            {
                return new OutcomeProgress(OutcomeStatus.InReview, qualifiedAt, settlesAt, null, null, null);
            }

            if (review.Verdict == ReviewVerdict.Reject)
            {
                return new OutcomeProgress(OutcomeStatus.Rejected, qualifiedAt, settlesAt, null, null, null);
            }

            var approvedAt = review.DecidedAt.ToUniversalTime();
            commitsAt = approvedAt > commitsAt ? approvedAt : commitsAt;
        }

        if (now < commitsAt)
        {
            return new OutcomeProgress(OutcomeStatus.Qualified, qualifiedAt, settlesAt, commitsAt, null, commitsAt);
        }

        var status = w.Phase == WalkPhase.Reversed ? OutcomeStatus.Reversed : OutcomeStatus.Settled;
        return new OutcomeProgress(status, qualifiedAt, settlesAt, commitsAt, null, null);
    }

    /// <summary>The first decision made by <paramref name="now"/> is final; at the same instant a rejection wins.</summary>
    private static ReviewDecision? Effective(IReadOnlyList<ReviewDecision> reviews, DateTimeOffset now)
    {
        ReviewDecision? best = null;
        for (var i = 0; i < reviews.Count; i++)
        {
            var r = reviews[i];
            if (r.DecidedAt > now)
            {
                continue;
            }

            if (best is null
                || r.DecidedAt < best.DecidedAt
                || (r.DecidedAt == best.DecidedAt && r.Verdict == ReviewVerdict.Reject && best.Verdict != ReviewVerdict.Reject))
            {
                best = r;
            }
        }

        return best;
    }
}
