using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Domain.Evidence;

/// <summary>
/// The lifecycle steps of an outcome, derived from its evaluated state, its definition and its events (for the
/// instants and types of the events the state names). Pure and deterministic: the evidence bundle and the outcomes
/// read API show the same timeline. Steps come in lifecycle order — opened, qualified, in_review, approved or
/// rejected, then one of settled (and reversed), voided or expired — not sorted by instant: a reversal's instant is
/// its event time, which can precede the commit that grace delayed.
/// </summary>
public static class OutcomeTransitions
{
    public const string Opened = "opened";
    public const string Qualified = "qualified";
    public const string InReview = "in_review";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Settled = "settled";
    public const string Voided = "voided";
    public const string Expired = "expired";
    public const string Reversed = "reversed";

    public static ValueArray<OutcomeTransition> Derive(OutcomeDefinition definition, OutcomeState state, IEnumerable<OutcomeEvent> events) =>
        Derive(definition, state, events.Select(e => new Stamp(e.EventId, e.Type, e.Timestamp)));

    public static ValueArray<OutcomeTransition> Derive(OutcomeDefinition definition, OutcomeState state, IEnumerable<EvidenceEvent> events) =>
        Derive(definition, state, events.Select(e => new Stamp(e.EventId, e.Type, e.Timestamp)));

    private static ValueArray<OutcomeTransition> Derive(OutcomeDefinition definition, OutcomeState state, IEnumerable<Stamp> events)
    {
        var byId = new Dictionary<Guid, Stamp>();
        foreach (var e in events)
        {
            byId.TryAdd(e.Id, e);
        }

        var result = new List<OutcomeTransition>();
        if (state.FirstEventAt is { } firstAt)
        {
            // Event order: timestamp, then id in its canonical text order (as the fold).
            var first = byId.Values
                .Where(e => e.At.UtcTicks == firstAt.UtcTicks)
                .OrderBy(e => e.Id.ToString("D"), StringComparer.Ordinal)
                .Select(e => (Stamp?)e)
                .FirstOrDefault();
            result.Add(new OutcomeTransition(Opened, Utc(firstAt), first is { } f ? "first event " + f.Type : null, first?.Id));
        }

        if (state.QualifiedAt is { } qualifiedAt)
        {
            var by = state.QualifiedBy is { } id && byId.TryGetValue(id, out var q) ? "qualify held with " + q.Type : "qualify held";
            result.Add(new OutcomeTransition(Qualified, Utc(qualifiedAt), by, state.QualifiedBy));

            var reviewHeld = state.Explanation.ReviewWhen is { Held: true } && state.Status is not OutcomeStatus.Voided;
            if (reviewHeld && definition.ReviewWhen is { } reviewWhen)
            {
                var heldAt = HeldAt(reviewWhen, state.Explanation.ReviewWhen!, byId);
                var at = heldAt is { } h && h > qualifiedAt ? h : qualifiedAt;
                result.Add(new OutcomeTransition(InReview, Utc(at), "review_when held: " + state.Explanation.ReviewWhen!.Summary));
            }

            if (reviewHeld && state.Review is { } review)
            {
                var verdict = review.Verdict == ReviewVerdict.Approve ? Approved : Rejected;
                result.Add(new OutcomeTransition(verdict, Utc(review.DecidedAt), review.Note, By: review.DecidedBy));
            }
        }

        switch (state.Status)
        {
            case OutcomeStatus.Settled or OutcomeStatus.Reversed when state.CommitsAt is { } commitsAt && state.SettlesAt is { } settlesAt:
                var afterWindow = settlesAt + definition.Settlement.Grace;
                var reason = commitsAt > afterWindow
                    ? "approved after the settlement window closed"
                    : $"the {EvidenceText.Window(definition.Settlement.Window)} settlement window closed at {EvidenceText.Minute(settlesAt)}"
                      + (definition.Settlement.Grace > TimeSpan.Zero ? $" (grace {EvidenceText.Window(definition.Settlement.Grace)})" : string.Empty);
                result.Add(new OutcomeTransition(Settled, Utc(commitsAt), reason));
                if (state.Status == OutcomeStatus.Reversed)
                {
                    result.Add(Trigger(Reversed, state.ReversedBy, byId, "reverse_on held after the window closed", commitsAt));
                }

                break;
            case OutcomeStatus.Voided:
                result.Add(Trigger(Voided, state.VoidedBy, byId, "reverse_on held before the window closed", state.QualifiedAt ?? state.FirstEventAt!.Value));
                break;
            case OutcomeStatus.Expired when state.ExpiresAt is { } expiresAt:
                var after = definition.ExpireAfter is { } x ? $" within {EvidenceText.Window(x)} of the first event" : string.Empty;
                result.Add(new OutcomeTransition(Expired, Utc(expiresAt), "not qualified" + after));
                break;
        }

        return result.ToValueArray();
    }

    /// <summary>The triggering event is the latest of the witnesses (the fold lists them in event order).</summary>
    private static OutcomeTransition Trigger(string state, ValueArray<Guid> witnesses, Dictionary<Guid, Stamp> byId, string reason, DateTimeOffset fallback)
    {
        if (witnesses.IsEmpty || !byId.TryGetValue(witnesses[^1], out var trigger))
        {
            return new OutcomeTransition(state, Utc(fallback), reason, witnesses.IsEmpty ? null : witnesses[^1]);
        }

        return new OutcomeTransition(state, Utc(trigger.At), $"{reason}: {trigger.Type}", trigger.Id);
    }

    /// <summary>
    /// When a held tree first held, as far as its witnesses tell: a seen/sequence/sum leaf at its latest event,
    /// a count/distinct with at_least n at its n-th witness, all at its latest child, any at its earliest held child.
    /// A not has no witness; null there means "as soon as the rest held".
    /// </summary>
    private static DateTimeOffset? HeldAt(Condition condition, ExplanationNode node, Dictionary<Guid, Stamp> byId)
    {
        if (!node.Held)
        {
            return null;
        }

        switch (condition)
        {
            case AllCondition all:
                return Max(all.Conditions.Select((c, i) => HeldAt(c, node.Children[i], byId)));
            case AnyCondition any:
                return any.Conditions
                    .Select((c, i) => node.Children[i].Held ? HeldAt(c, node.Children[i], byId) ?? DateTimeOffset.MinValue : (DateTimeOffset?)null)
                    .Where(t => t is not null)
                    .Min() is { } t && t != DateTimeOffset.MinValue ? t : null;
            case NotCondition:
                return null;
        }

        var times = node.EventIds.Select(id => byId.TryGetValue(id, out var e) ? e.At : (DateTimeOffset?)null).Where(t => t is not null).Select(t => t!.Value).ToList();
        var atLeast = condition switch
        {
            CountCondition c => c.Threshold.AtLeast,
            DistinctCondition d => d.Threshold.AtLeast,
            _ => null,
        };
        if (atLeast is { } n && n >= 1 && n <= times.Count)
        {
            return times[(int)n - 1];
        }

        return times.Count == 0 ? null : times.Max();
    }

    private static DateTimeOffset? Max(IEnumerable<DateTimeOffset?> times) => times.Where(t => t is not null).Max();

    private static DateTimeOffset Utc(DateTimeOffset at) => at.ToUniversalTime();

    private readonly record struct Stamp(Guid Id, string Type, DateTimeOffset At);
}
