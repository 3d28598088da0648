using CsCheck;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

public sealed class PropertyTests
{
    private static readonly string[] Types = ["a", "b", "c"];

    private static readonly Gen<string> GenType = Gen.OneOf(Types);

    private static readonly Gen<string?> GenAnchor = Gen.Frequency((3, Gen.Const((string?)null)), (1, GenType.Select(t => (string?)t)));

    private static readonly Gen<TimeSpan?> GenWithin = Gen.Frequency((3, Gen.Const((TimeSpan?)null)), (1, Gen.Int[0, 60].Select(m => (TimeSpan?)TimeSpan.FromMinutes(m))));

    private static readonly Gen<ValueArray<PropertyPredicate>> GenWhere = Gen.Frequency(
        (4, Gen.Const(ValueArray<PropertyPredicate>.Empty)),
        (1, Gen.Int[0, 2].Select(n => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("x"), PredicateOperator.Eq, Literal.Of(n))])),
        (1, Gen.Int[0, 2].Select(n => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("x"), PredicateOperator.Gte, Literal.Of(n))])),
        (1, Gen.Bool.Select(b => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("x"), PredicateOperator.Exists, Literal.Of(b))])),
        (1, Gen.OneOf("p", "q").Select(a => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("$agent.id"), PredicateOperator.Eq, Literal.Of(a))])));

    private static readonly Gen<Threshold> GenThreshold = Gen.Int[0, 3].SelectMany(n => Gen.OneOf(
        new Threshold(AtLeast: n), new Threshold(AtMost: n), new Threshold(Exactly: n), new Threshold(AtLeast: n, AtMost: n + 1)));

    private static readonly Gen<Condition> GenLeaf = Gen.OneOf<Condition>(
        Gen.Select(GenType, GenWhere, GenAnchor, GenAnchor, GenWithin, (t, w, a, b, within) => new SeenCondition(t, w, a, b, within)),
        Gen.Select(GenType, GenThreshold, GenWhere, (t, th, w) => new CountCondition(t, th, w)),
        Gen.Select(GenType, Gen.OneOf("x", "$agent.id"), GenThreshold, (t, p, th) => new DistinctCondition(t, new PropertyPath(p), th)),
        Gen.Select(GenType, GenThreshold, (t, th) => new SumCondition(t, new PropertyPath("x"), th)),
        Gen.Select(GenType.Array[2, 3], GenWithin, (ts, w) => new SequenceCondition(ts.ToValueArray(), w)));

    private static readonly Gen<Condition> GenCondition = Gen.Recursive<Condition>((depth, tree) => depth >= 3
        ? GenLeaf
        : Gen.Frequency(
            (4, GenLeaf),
            (1, tree.Array[1, 3].Select(items => (Condition)new AllCondition(items.ToValueArray()))),
            (1, tree.Array[1, 3].Select(items => (Condition)new AnyCondition(items.ToValueArray()))),
            (1, tree.Select(c => (Condition)new NotCondition(c)))));

    private static readonly Gen<Condition?> GenOptional = Gen.Frequency((1, Gen.Const((Condition?)null)), (2, GenCondition.Select(c => (Condition?)c)));

    private static readonly Gen<OutcomeDefinition> GenDefinition = Gen.Select(
        GenCondition,
        GenOptional,
        GenOptional,
        Gen.OneOf(0, 30, 60),
        Gen.OneOf(0, 10),
        Gen.Bool,
        Gen.OneOf<int?>(null, 45, 90),
        (q, r, v, window, grace, reset, expire) => new OutcomeDefinition(
            "random", string.Empty, new PropertyPath("id"), q, r, v,
            new SettlementPolicy(TimeSpan.FromMinutes(window), TimeSpan.FromMinutes(grace), reset),
            expire is { } e ? TimeSpan.FromMinutes(e) : null, Attribution.Last, [new PropertyPath("x")]));

    private static readonly Gen<OutcomeEvent> GenEvent = Gen.Select(
        Gen.Int[0, 9999], GenType, Gen.Int[0, 24], Gen.Int[-1, 2], Gen.OneOf<string?>(null, "p", "q"),
        (id, type, slot, x, agent) => Ev.Make($"e{id}", type, Ev.T0.AddMinutes(slot * 5), x < 0 ? new { id = "1" } : new { id = "1", x = (object)x }, agent));

    private static readonly Gen<OutcomeEvent[]> GenEvents = GenEvent.Array[0, 8].Select(es => es.DistinctBy(e => e.EventId).ToArray());

    private static readonly Gen<ReviewDecision[]> GenReviews = Gen.Frequency(
        (2, Gen.Const(Array.Empty<ReviewDecision>())),
        (1, Gen.Select(Gen.Bool, Gen.Int[0, 40], (approve, slot) => new[] { new ReviewDecision(approve ? ReviewVerdict.Approve : ReviewVerdict.Reject, Ev.T0.AddMinutes(slot * 5)) })));

    private static readonly DateTimeOffset[] Clocks = [.. Enumerable.Range(0, 45).Select(i => Ev.T0.AddMinutes(i * 5))];

    [Fact]
    public void any_permutation_and_duplication_of_the_events_gives_the_same_state_and_explanation()
    {
        Gen.Select(GenDefinition, GenEvents, GenReviews, Gen.Int, Gen.Int[0, 44]).Sample((definition, events, reviews, seed, clock) =>
        {
            var compiled = CompiledDefinition.Compile(definition);
            var now = Clocks[clock];
            var expected = OutcomeEvaluator.Evaluate(compiled, events.OrderBy(e => e.Timestamp).ThenBy(e => e.EventId), now, reviews);

            var random = new Random(seed);
            var arrival = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
            var fold = new OutcomeFold(compiled);
            foreach (var e in arrival)
            {
                fold.Apply(e);
                _ = fold.Progress(now);
            }

            foreach (var r in reviews)
            {
                fold.Review(r);
            }

            var actual = fold.Evaluate(now);
            var progress = fold.Progress(now);
            return actual == expected
                && progress.Status == expected.Status
                && progress.QualifiedAt == expected.QualifiedAt
                && progress.NextDueAt == expected.NextDueAt;
        }, iter: 3000);
    }

    [Fact]
    public void evaluation_agrees_with_the_reference_evaluator_on_random_trees_and_events()
    {
        Gen.Select(GenDefinition, GenEvents, GenReviews, Gen.Int[0, 44]).Sample((definition, events, reviews, clock) =>
        {
            var now = Clocks[clock];
            var actual = OutcomeEvaluator.Evaluate(definition, events, now, reviews);
            var expected = ReferenceEvaluator.Evaluate(definition, events, now, reviews);
            return actual.Status == expected.Status
                && actual.QualifiedAt == expected.QualifiedAt
                && actual.SettlesAt == expected.SettlesAt
                && actual.Explanation.Qualify.Held == expected.QualifyHeld;
        }, iter: 5000);
    }

    [Fact]
    public void conditions_agree_with_the_reference_on_every_prefix()
    {
        Gen.Select(GenCondition, GenEvents).Sample((condition, events) =>
        {
            var definition = new OutcomeDefinition("random", string.Empty, new PropertyPath("id"), condition, null, null, new SettlementPolicy(TimeSpan.FromDays(180)), null, Attribution.Last, []);
            var compiled = CompiledDefinition.Compile(definition);
            var sorted = events.Where(e => compiled.Listens(e.Type)).OrderBy(e => e.Timestamp).ThenBy(e => e.EventId).ToList();
            for (var k = 0; k <= sorted.Count; k++)
            {
                var prefix = sorted.Take(k).ToList();
                if (OutcomeEvaluator.Evaluate(compiled, prefix, Ev.T0).Explanation.Qualify.Held != ReferenceEvaluator.Holds(condition, prefix))
                {
                    return false;
                }
            }

            return true;
        }, iter: 3000);
    }

    [Fact]
    public void guid_order_equals_the_order_of_its_canonical_text()
    {
        Gen.Guid.Array[2].Sample(g => Math.Sign(g[0].CompareTo(g[1])) == Math.Sign(string.CompareOrdinal(g[0].ToString("D"), g[1].ToString("D"))), iter: 10000);
    }
}
