using CsCheck;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Domain.Tests.Support;

/// <summary>
/// Random definitions (condition trees of every kind, windows, grace, expiry, review), events on a 5-minute grid
/// with a property x and agents, review decisions and clock instants, for the evaluation and settlement property tests.
/// </summary>
internal static class RandomOutcomes
{
    private static readonly string[] Types = ["a", "b", "c"];

    private static readonly Gen<string> GenType = Gen.OneOf(Types);

    public static readonly Gen<string?> GenAnchor = Gen.Frequency((3, Gen.Const((string?)null)), (1, GenType.Select(t => (string?)t)));

    public static readonly Gen<TimeSpan?> GenWithin = Gen.Frequency((3, Gen.Const((TimeSpan?)null)), (1, Gen.Int[0, 60].Select(m => (TimeSpan?)TimeSpan.FromMinutes(m))));

    public static readonly Gen<ValueArray<PropertyPredicate>> GenWhere = Gen.Frequency(
        (4, Gen.Const(ValueArray<PropertyPredicate>.Empty)),
        (1, Gen.Int[0, 2].Select(n => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("x"), PredicateOperator.Eq, Literal.Of(n))])),
        (1, Gen.Int[0, 2].Select(n => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("x"), PredicateOperator.Gte, Literal.Of(n))])),
        (1, Gen.Bool.Select(b => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("x"), PredicateOperator.Exists, Literal.Of(b))])),
        (1, Gen.OneOf("p", "q").Select(a => (ValueArray<PropertyPredicate>)[new PropertyPredicate(new PropertyPath("$agent.id"), PredicateOperator.Eq, Literal.Of(a))])));

    public static readonly Gen<Threshold> GenThreshold = Gen.Int[0, 3].SelectMany(n => Gen.OneOf(
        new Threshold(AtLeast: n), new Threshold(AtMost: n), new Threshold(Exactly: n), new Threshold(AtLeast: n, AtMost: n + 1)));

    public static readonly Gen<Condition> GenLeaf = Gen.OneOf<Condition>(
        Gen.Select(GenType, GenWhere, GenAnchor, GenAnchor, GenWithin, (t, w, a, b, within) => new SeenCondition(t, w, a, b, within)),
        Gen.Select(GenType, GenThreshold, GenWhere, (t, th, w) => new CountCondition(t, th, w)),
        Gen.Select(GenType, Gen.OneOf("x", "$agent.id"), GenThreshold, (t, p, th) => new DistinctCondition(t, new PropertyPath(p), th)),
        Gen.Select(GenType, GenThreshold, (t, th) => new SumCondition(t, new PropertyPath("x"), th)),
        Gen.Select(GenType.Array[2, 3], GenWithin, (ts, w) => new SequenceCondition(ts.ToValueArray(), w)));

    public static readonly Gen<Condition> GenCondition = Gen.Recursive<Condition>((depth, tree) => depth >= 3
        ? GenLeaf
        : Gen.Frequency(
            (4, GenLeaf),
            (1, tree.Array[1, 3].Select(items => (Condition)new AllCondition(items.ToValueArray()))),
            (1, tree.Array[1, 3].Select(items => (Condition)new AnyCondition(items.ToValueArray()))),
            (1, tree.Select(c => (Condition)new NotCondition(c)))));

    public static readonly Gen<Condition?> GenOptional = Gen.Frequency((1, Gen.Const((Condition?)null)), (2, GenCondition.Select(c => (Condition?)c)));

    public static readonly Gen<OutcomeDefinition> GenDefinition = Gen.Select(
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

    public static readonly Gen<OutcomeEvent> GenEvent = Gen.Select(
        Gen.Int[0, 9999], GenType, Gen.Int[0, 24], Gen.Int[-1, 2], Gen.OneOf<string?>(null, "p", "q"),
        (id, type, slot, x, agent) => Ev.Make($"e{id}", type, Ev.T0.AddMinutes(slot * 5), x < 0 ? new { id = "1" } : new { id = "1", x = (object)x }, agent));

    public static readonly Gen<OutcomeEvent[]> GenEvents = GenEvent.Array[0, 8].Select(es => es.DistinctBy(e => e.EventId).ToArray());

    public static readonly Gen<ReviewDecision[]> GenReviews = Gen.Frequency(
        (2, Gen.Const(Array.Empty<ReviewDecision>())),
        (1, Gen.Select(Gen.Bool, Gen.Int[0, 40], (approve, slot) => new[] { new ReviewDecision(approve ? ReviewVerdict.Approve : ReviewVerdict.Reject, Ev.T0.AddMinutes(slot * 5)) })));

    public static readonly DateTimeOffset[] Clocks = [.. Enumerable.Range(0, 45).Select(i => Ev.T0.AddMinutes(i * 5))];
}
