using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Evaluation.Engine;
using Witn.Domain.Events;

namespace Witn.Domain.Evidence;

/// <summary>
/// Plain-language sentences generated from the explanation trees and the definition, for invoices, disputes and
/// the evidence page. Times are UTC, "yyyy-MM-dd HH:mm". Held <c>seen</c> leaves name their event with the
/// <c>where</c> properties as the event carried them, its time and agent; a held <c>not</c> over a <c>seen</c> reads
/// "no T"; a reverse_on that did not hold within the window reads "not &lt;last type segment&gt; within the window".
/// </summary>
public static class EvidenceSummary
{
    /// <summary>Why the outcome is (or is not yet) billable, e.g. "ticket_resolved for T-1042: ticket.closed (resolution = solved) at … by support-bot 3.1; no human.handoff; not reopened within the 72 h window that closed …".</summary>
    public static string Charge(OutcomeDefinition definition, OutcomeState state, string correlation, IEnumerable<EvidenceEvent> events)
    {
        var ctx = new Context(definition, state, events);
        var clauses = new List<string>();
        switch (state.Status)
        {
            case OutcomeStatus.Open:
                clauses.Add("open, not qualified yet");
                break;
            case OutcomeStatus.Expired:
                clauses.Add(state.ExpiresAt is { } e ? "expired at " + EvidenceText.Minute(e) + " without qualifying" : "expired without qualifying");
                break;
        }

        ctx.Clauses(definition.Qualify, state.Explanation.Qualify, clauses);
        ctx.Review(clauses);
        ctx.Reversal(clauses);
        return $"{definition.Name} for {correlation}: {string.Join("; ", clauses)}.";
    }

    /// <summary>Why a settled charge was credited, e.g. "ticket_resolved for T-1042 reversed: ticket.reopened at … by …, after the 72 h window closed …; the charge settled … is credited."; null unless the outcome was reversed.</summary>
    public static string? Credit(OutcomeDefinition definition, OutcomeState state, string correlation, IEnumerable<EvidenceEvent> events)
    {
        if (state.Status != OutcomeStatus.Reversed || state.ReversedBy.IsEmpty)
        {
            return null;
        }

        var ctx = new Context(definition, state, events);
        var by = ctx.Event(state.ReversedBy[^1]) is { } trigger ? ctx.Describe(trigger, default) : "event " + state.ReversedBy[^1].ToString("D");
        var window = state.SettlesAt is { } s ? $", after the {EvidenceText.Window(definition.Settlement.Window)} window closed {EvidenceText.Minute(s)}" : string.Empty;
        var settled = state.CommitsAt is { } c ? $"; the charge settled {EvidenceText.Minute(c)} is credited" : "; the charge is credited";
        return $"{definition.Name} for {correlation} reversed: {by}{window}{settled}.";
    }

    private sealed class Context
    {
        private readonly OutcomeDefinition _definition;
        private readonly OutcomeState _state;
        private readonly Dictionary<Guid, EvidenceEvent> _events = [];

        public Context(OutcomeDefinition definition, OutcomeState state, IEnumerable<EvidenceEvent> events)
        {
            _definition = definition;
            _state = state;
            foreach (var e in events)
            {
                _events.TryAdd(e.EventId, e);
            }
        }

        public EvidenceEvent? Event(Guid id) => _events.GetValueOrDefault(id);

        /// <summary>"type (path = value, …) at time by agent version", the values read from the event itself.</summary>
        public string Describe(EvidenceEvent e, ValueArray<PropertyPredicate> where)
        {
            var text = e.Type;
            var paths = where.Select(p => p.Path).Distinct().ToList();
            if (paths.Count > 0)
            {
                var domainEvent = e.ToOutcomeEvent(string.Empty);
                text += " (" + string.Join(", ", paths.Select(p => $"{p.Text} = {new CompiledPath(p).Resolve(domainEvent).AsText() ?? "null"}")) + ")";
            }

            text += " at " + EvidenceText.Minute(e.Timestamp);
            return e.Agent is { } agent ? text + " by " + EvidenceText.Agent(agent) : text;
        }

        public void Clauses(Condition condition, ExplanationNode node, List<string> into)
        {
            switch (condition)
            {
                case AllCondition all:
                    for (var i = 0; i < all.Conditions.Count; i++)
                    {
                        Clauses(all.Conditions[i], node.Children[i], into);
                    }

                    return;
                case AnyCondition any:
                    var held = Enumerable.Range(0, any.Conditions.Count).Where(i => node.Children[i].Held).ToList();
                    if (held.Count == 0)
                    {
                        into.Add("none of: " + string.Join(", ", node.Children.Select(c => c.Summary)));
                    }

                    foreach (var i in held)
                    {
                        Clauses(any.Conditions[i], node.Children[i], into);
                    }

                    return;
                case NotCondition not:
                    if (node.Held)
                    {
                        into.Add(not.Condition is SeenCondition s ? "no " + s.Type + Where(s.Where) : "not " + node.Children[0].Summary);
                    }
                    else
                    {
                        var inner = new List<string>();
                        Clauses(not.Condition, node.Children[0], inner);
                        into.Add("but " + string.Join(", ", inner));
                    }

                    return;
            }

            into.Add(Leaf(condition, node));
        }

        /// <summary>Review clause: why it went to review and what the reviewer decided.</summary>
        public void Review(List<string> into)
        {
            if (_definition.ReviewWhen is not { } reviewWhen || _state.Explanation.ReviewWhen is not { Held: true } node || _state.QualifiedAt is null
                || _state.Status == OutcomeStatus.Voided)
            {
                return;
            }

            var why = new List<string>();
            Clauses(reviewWhen, node, why);
            var text = "reviewed because of " + string.Join(" and ", why);
            text += _state.Review switch
            {
                { Verdict: ReviewVerdict.Approve } r => ", approved" + Decision(r),
                { } r => ", rejected" + Decision(r),
                null => ", awaiting a decision",
            };
            into.Add(text);
        }

        /// <summary>Reversal clause: voided by which event, or not reversed within the window (as far as the window has run).</summary>
        public void Reversal(List<string> into)
        {
            if (_state.SettlesAt is not { } settlesAt || _state.QualifiedAt is null)
            {
                return;
            }

            var window = EvidenceText.Window(_definition.Settlement.Window);
            if (_state.Status == OutcomeStatus.Voided)
            {
                var by = !_state.VoidedBy.IsEmpty && Event(_state.VoidedBy[^1]) is { } trigger ? Describe(trigger, default) : "reverse_on";
                into.Add($"voided by {by}, before the {window} window closed at {EvidenceText.Minute(settlesAt)}");
                return;
            }

            if (_state.Status == OutcomeStatus.Rejected)
            {
                return;
            }

            var closed = _state.Status is OutcomeStatus.Settled or OutcomeStatus.Reversed ? "closed" : "closes";
            if (_definition.ReverseOn is not { } reverseOn)
            {
                into.Add($"the {window} window {closed} {EvidenceText.Minute(settlesAt)}");
                return;
            }

            var segments = LeafTypes(reverseOn).Select(EvidenceText.LastSegment).Distinct(StringComparer.Ordinal);
            into.Add($"not {string.Join(" or ", segments)} within the {window} window that {closed} {EvidenceText.Minute(settlesAt)}");
        }

        /// <summary>The event type each leaf is about, in document order (anchors of after/before are context, not the subject).</summary>
        private static IEnumerable<string> LeafTypes(Condition condition) => condition switch
        {
            AllCondition all => all.Conditions.SelectMany(LeafTypes),
            AnyCondition any => any.Conditions.SelectMany(LeafTypes),
            NotCondition not => LeafTypes(not.Condition),
            SeenCondition s => [s.Type],
            CountCondition c => [c.Of],
            DistinctCondition d => [d.Of],
            SumCondition s => [s.Of],
            SequenceCondition q => [q.Types[^1]],
            _ => [],
        };

        private static string Decision(ReviewDecision r) =>
            (r.DecidedBy is { Length: > 0 } who ? " by " + who : string.Empty)
            + " at " + EvidenceText.Minute(r.DecidedAt)
            + (r.Note is { Length: > 0 } note ? $" (\"{note}\")" : string.Empty);

        private string Leaf(Condition condition, ExplanationNode node)
        {
            var measured = node.Measured is { } m ? EvidenceText.Number(m) : "0";
            var text = condition switch
            {
                SeenCondition s when node.Held && !node.EventIds.IsEmpty && Event(node.EventIds[^1]) is { } e => Describe(e, s.Where),
                SeenCondition s => "no " + s.Type + Where(s.Where) + (s.After is null ? string.Empty : " after " + s.After),
                CountCondition c => $"{measured} {c.Of} event{(measured == "1" ? string.Empty : "s")}{Where(c.Where)} ({Bounds(c.Threshold)})",
                DistinctCondition d => $"{measured} distinct {d.Property.Text} among {d.Of} events{Where(d.Where)} ({Bounds(d.Threshold)})",
                SumCondition s => $"{s.Property.Text} of {s.Of}{Where(s.Where)} totals {measured} ({Bounds(s.Threshold)})",
                SequenceCondition q when node.Held && Times(node) is [var from, .., var to] =>
                    $"{string.Join(" → ", q.Types)} from {EvidenceText.Minute(from)} to {EvidenceText.Minute(to)}" + (q.Within is { } w ? $" (within {EvidenceText.Window(w)})" : string.Empty),
                SequenceCondition q => $"{string.Join(" → ", q.Types)} reached {measured} of {q.Types.Count} steps",
                _ => node.Summary,
            };
            return node.Held || condition is SeenCondition ? text : text + ", not met";
        }

        private List<DateTimeOffset> Times(ExplanationNode node) =>
            [.. node.EventIds.Select(Event).Where(e => e is not null).Select(e => e!.Timestamp)];

        /// <summary>The clause as written in the definition, for leaves that have no witness event to quote.</summary>
        private static string Where(ValueArray<PropertyPredicate> where) =>
            where.IsEmpty ? string.Empty : " (" + string.Join(", ", where.Select(p => $"{p.Path.Text} {Operator(p.Operator)} {p.Operand}")) + ")";

        private static string Operator(PredicateOperator op) => op == PredicateOperator.Eq ? "=" : OperatorNames.Name(op);

        private static string Bounds(Threshold t) => string.Join(" and ", new[]
        {
            t.AtLeast is { } a ? "at least " + EvidenceText.Number(a) : null,
            t.AtMost is { } b ? "at most " + EvidenceText.Number(b) : null,
            t.Exactly is { } x ? "exactly " + EvidenceText.Number(x) : null,
        }.Where(s => s is not null));
    }
}
