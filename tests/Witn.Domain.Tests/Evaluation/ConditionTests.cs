using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

/// <summary>Each operator and leaf on its own: qualify is the condition under test, the window never closes.</summary>
public sealed class ConditionTests
{
    private static ExplanationNode Qualify(string condition, params OutcomeEvent[] events)
    {
        var indented = string.Join("\n", condition.Split('\n').Select(l => "  " + l));
        var compiled = Examples.Compile($"name: t\ncorrelate_by: id\nqualify:\n{indented}\nsettlement: {{ window: 180d }}\n");
        return OutcomeEvaluator.Evaluate(compiled, events, Ev.T0.AddDays(1)).Explanation.Qualify;
    }

    private static bool Holds(string condition, params OutcomeEvent[] events) => Qualify(condition, events).Held;

    private static OutcomeEvent E(string key, string type, int minute, object? properties = null, string? agent = null, string? version = null) =>
        Ev.Make(key, type, Ev.T0.AddMinutes(minute), properties ?? new { id = "1" }, agent, version);

    [Theory]
    [InlineData("{ status: open }", true)]
    [InlineData("{ status: closed }", false)]
    [InlineData("{ status: { eq: open } }", true)]
    [InlineData("{ status: { ne: closed } }", true)]
    [InlineData("{ status: { ne: open } }", false)]
    [InlineData("{ status: { in: [closed, open] } }", true)]
    [InlineData("{ status: { not_in: [closed, open] } }", false)]
    [InlineData("{ score: 60 }", true)]
    [InlineData("{ score: 60.0 }", true)]
    [InlineData("{ score: '60' }", false)]
    [InlineData("{ score: { gt: 59.5 } }", true)]
    [InlineData("{ score: { gt: 60 } }", false)]
    [InlineData("{ score: { gte: 60 } }", true)]
    [InlineData("{ score: { lt: 60 } }", false)]
    [InlineData("{ score: { lte: 60 } }", true)]
    [InlineData("{ score: { gte: 10, lt: 100 } }", true)]
    [InlineData("{ status: { gt: alpha } }", true)]
    [InlineData("{ status: { lt: alpha } }", false)]
    [InlineData("{ score: { gt: abc } }", false)]
    [InlineData("{ vip: true }", true)]
    [InlineData("{ vip: false }", false)]
    [InlineData("{ note: null }", true)]
    [InlineData("{ missing: null }", true)]
    [InlineData("{ note: { exists: true } }", false)]
    [InlineData("{ note: { exists: false } }", true)]
    [InlineData("{ missing: { exists: false } }", true)]
    [InlineData("{ status: { exists: true } }", true)]
    [InlineData("{ missing: { ne: x } }", true)]
    [InlineData("{ missing: { not_in: [x] } }", true)]
    [InlineData("{ missing: { gt: 0 } }", false)]
    [InlineData("{ status: { matches: '^o.e' } }", true)]
    [InlineData("{ status: { matches: '^x' } }", false)]
    [InlineData("{ score: { matches: '6' } }", false)]
    [InlineData("{ status: { contains: pe } }", true)]
    [InlineData("{ tags: { contains: urgent } }", true)]
    [InlineData("{ tags: { contains: calm } }", false)]
    [InlineData("{ lead.segment: enterprise }", true)]
    [InlineData("{ lead.score: { gte: 60 } }", true)]
    [InlineData("{ lead.missing.deeper: { exists: false } }", true)]
    [InlineData("{ $type: a }", true)]
    [InlineData("{ $agent.id: bot }", true)]
    [InlineData("{ $agent.id: { in: [other, bot] } }", true)]
    [InlineData("{ $agent.version: 3.1 }", true)]
    [InlineData("{ $agent.version: { matches: '^3\\.' } }", true)]
    [InlineData("{ $timestamp: { gte: '2026-11-02T09:00:00Z' } }", true)]
    [InlineData("{ $timestamp: { lt: '2026-11-02T10:00:00+02:00' } }", false)]
    [InlineData("{ $timestamp: '2026-11-02T11:00:00+02:00' }", true)]
    public void where_operators_compare_values_without_coercion(string where, bool expected)
    {
        var e = Ev.Make("k", "a", Ev.T0, new { id = "1", status = "open", score = 60, vip = true, note = (string?)null, tags = new[] { "urgent", "vip" }, lead = new { segment = "enterprise", score = 80 } }, "bot", "3.1");

        Assert.Equal(expected, Holds($"seen: a\nwhere: {where}", e));
    }

    [Fact]
    public void seen_reports_the_first_matching_event()
    {
        var node = Qualify("seen: a", E("1", "b", 0), E("2", "a", 1), E("3", "a", 2));

        Assert.True(node.Held);
        Assert.Equal([Ev.IdOf("2")], node.EventIds);
    }

    [Fact]
    public void seen_after_needs_the_anchor_earlier_in_event_order_and_reports_it()
    {
        Assert.False(Holds("seen: b\nafter: a", E("1", "b", 0), E("2", "a", 1)));
        var node = Qualify("seen: b\nafter: a", E("1", "b", 0), E("2", "a", 1), E("3", "b", 2));
        Assert.True(node.Held);
        Assert.Equal([Ev.IdOf("2"), Ev.IdOf("3")], node.EventIds);
    }

    [Fact]
    public void seen_after_its_own_type_means_a_second_occurrence()
    {
        Assert.False(Holds("seen: a\nafter: a", E("1", "a", 0)));
        Assert.True(Holds("seen: a\nafter: a", E("1", "a", 0), E("2", "a", 1)));
    }

    [Fact]
    public void seen_before_holds_when_the_other_type_is_later_or_absent()
    {
        Assert.True(Holds("seen: a\nbefore: b", E("1", "a", 0)));
        Assert.True(Holds("seen: a\nbefore: b", E("1", "a", 0), E("2", "b", 1)));
        Assert.False(Holds("seen: a\nbefore: b", E("1", "b", 0), E("2", "a", 1)));
    }

    [Fact]
    public void seen_within_is_measured_from_the_outcomes_first_event_inclusive()
    {
        const string condition = "seen: b\nwhere: { n: 2 }\nwithin: 10m";
        Assert.True(Holds(condition, E("1", "b", 0, new { id = "1", n = 1 }), E("2", "b", 10, new { id = "1", n = 2 })));
        Assert.False(Holds(condition, E("1", "b", 0, new { id = "1", n = 1 }), E("2", "b", 11, new { id = "1", n = 2 })));
    }

    [Theory]
    [InlineData("at_least: 2", 2, true)]
    [InlineData("at_least: 3", 2, false)]
    [InlineData("at_most: 1", 2, false)]
    [InlineData("at_most: 2", 2, true)]
    [InlineData("exactly: 2", 2, true)]
    [InlineData("exactly: 0", 0, true)]
    [InlineData("at_most: 0", 0, true)]
    [InlineData("at_least: 1, at_most: 3", 2, true)]
    public void count_bounds_are_inclusive(string bounds, int events, bool expected)
    {
        var list = Enumerable.Range(0, events).Select(i => E($"c{i}", "a", i)).Append(E("other", "b", 9)).ToArray();

        var node = Qualify($"count: {{ of: a, {bounds} }}", list);

        Assert.Equal(expected, node.Held);
        Assert.Equal(events, node.Measured);
        Assert.Equal(events, node.EventIds.Count);
    }

    [Fact]
    public void count_where_filters_the_counted_events()
    {
        var node = Qualify("count: { of: ci, where: { ok: true }, at_least: 2 }", E("1", "ci", 0, new { id = "1", ok = true }), E("2", "ci", 1, new { id = "1", ok = false }), E("3", "ci", 2, new { id = "1", ok = true }));

        Assert.True(node.Held);
        Assert.Equal([Ev.IdOf("1"), Ev.IdOf("3")], node.EventIds);
    }

    [Fact]
    public void distinct_counts_values_and_reports_the_first_event_of_each()
    {
        var events = new[] { E("1", "act", 0, agent: "a"), E("2", "act", 1, agent: "a"), E("3", "act", 2, agent: "b"), E("4", "act", 3) };

        var node = Qualify("distinct: { of: act, property: $agent.id, at_least: 2 }", events);

        Assert.True(node.Held);
        Assert.Equal(2, node.Measured);
        Assert.Equal([Ev.IdOf("1"), Ev.IdOf("3")], node.EventIds);
        Assert.False(Holds("distinct: { of: act, property: $agent.id, at_least: 3 }", events));
    }

    [Fact]
    public void sum_adds_decimal_numbers_and_skips_non_numbers()
    {
        var events = new[] { E("1", "line", 0, new { id = "1", amount = 0.1m }), E("2", "line", 1, new { id = "1", amount = 0.2m }), E("3", "line", 2, new { id = "1", amount = "x" }) };

        var node = Qualify("sum: { of: line, property: amount, at_least: 0.3, at_most: 0.3 }", events);

        Assert.True(node.Held);
        Assert.Equal(0.3m, node.Measured);
        Assert.Equal([Ev.IdOf("1"), Ev.IdOf("2")], node.EventIds);
    }

    [Fact]
    public void sequence_needs_event_order_not_arrival_order()
    {
        Assert.True(Holds("sequence: [a, b, c]", E("3", "c", 2), E("1", "a", 0), E("2", "b", 1)));
        Assert.False(Holds("sequence: [a, b, c]", E("1", "a", 0), E("2", "c", 1), E("3", "b", 2)));
    }

    [Fact]
    public void sequence_within_uses_the_latest_start_that_completes()
    {
        var node = Qualify("sequence: [a, b]\nwithin: 5m", E("1", "a", 0), E("2", "a", 10), E("3", "b", 14));

        Assert.True(node.Held);
        Assert.Equal([Ev.IdOf("2"), Ev.IdOf("3")], node.EventIds);
        Assert.False(Holds("sequence: [a, b]\nwithin: 5m", E("1", "a", 0), E("3", "b", 14)));
    }

    [Fact]
    public void sequence_of_one_type_twice_needs_two_events()
    {
        Assert.False(Holds("sequence: [a, a]", E("1", "a", 0)));
        Assert.True(Holds("sequence: [a, a]", E("1", "a", 0), E("2", "a", 1)));
    }

    [Fact]
    public void sequence_reports_how_far_it_got()
    {
        var node = Qualify("sequence: [a, b, c]", E("1", "a", 0), E("2", "b", 1));

        Assert.False(node.Held);
        Assert.Equal(2, node.Measured);
    }

    [Fact]
    public void all_any_and_not_combine_at_any_depth()
    {
        const string condition = "all:\n  - any:\n      - seen: x\n      - not:\n          not:\n            seen: a\n  - not:\n      count: { of: b, at_least: 2 }";

        Assert.True(Holds(condition, E("1", "a", 0), E("2", "b", 1)));
        Assert.False(Holds(condition, E("1", "a", 0), E("2", "b", 1), E("3", "b", 2)));
        Assert.False(Holds(condition, E("2", "b", 1)));
    }

    [Fact]
    public void explanation_paths_follow_the_definition()
    {
        var node = Qualify("all:\n  - seen: a\n  - not:\n      seen: b", E("1", "a", 0));

        Assert.Equal("qualify", node.Path);
        Assert.Equal(["qualify.all[0]", "qualify.all[1]"], node.Children.Select(c => c.Path));
        Assert.Equal("qualify.all[1].not", node.Children[1].Children[0].Path);
        Assert.Equal("seen a", node.Children[0].Summary);
    }
}
