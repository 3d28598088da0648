using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

public sealed class LifecycleTests
{
    private static readonly CompiledDefinition Ticket = Examples.Compiled("ticket_resolved");
    private static readonly DateTimeOffset ClosedAt = Ev.Time("2026-11-02T09:30:00Z");
    private static readonly DateTimeOffset SettlesAt = ClosedAt.AddHours(72);
    private static readonly DateTimeOffset CommitsAt = SettlesAt.AddMinutes(10);

    private static OutcomeEvent Closed(string resolution = "solved", string? agent = "support-bot") =>
        Ev.Make("closed", "ticket.closed", ClosedAt, new { ticket_id = "T-1", resolution }, agent);

    private static OutcomeEvent Reopened(DateTimeOffset at) => Ev.Make("reopened", "ticket.reopened", at, new { ticket_id = "T-1" });

    private static OutcomeEvent Handoff(DateTimeOffset at) => Ev.Make("handoff", "human.handoff", at, new { ticket_id = "T-1" });

    private static OutcomeState Eval(DateTimeOffset now, params OutcomeEvent[] events) => OutcomeEvaluator.Evaluate(Ticket, events, now);

    [Fact]
    public void no_events_is_open_with_nothing_due()
    {
        var progress = new OutcomeFold(Ticket).Progress(ClosedAt);

        Assert.Equal(new OutcomeProgress(OutcomeStatus.Open, null, null, null, null, null), progress);
    }

    [Fact]
    public void solved_ticket_qualifies_at_its_event_timestamp()
    {
        var state = Eval(ClosedAt.AddHours(1), Closed());

        Assert.Equal(OutcomeStatus.Qualified, state.Status);
        Assert.Equal(ClosedAt, state.QualifiedAt);
        Assert.Equal(Ev.IdOf("closed"), state.QualifiedBy);
        Assert.Equal(SettlesAt, state.SettlesAt);
        Assert.Equal(CommitsAt, state.CommitsAt);
        Assert.Equal(CommitsAt, state.NextDueAt);
        Assert.Null(state.ExpiresAt);
    }

    [Fact]
    public void an_unsolved_close_stays_open_and_is_due_to_expire()
    {
        var state = Eval(ClosedAt.AddHours(1), Closed("duplicate"));

        Assert.Equal(OutcomeStatus.Open, state.Status);
        Assert.Equal(ClosedAt.AddDays(30), state.ExpiresAt);
        Assert.Equal(ClosedAt.AddDays(30), state.NextDueAt);
    }

    [Fact]
    public void exactly_at_settles_at_the_outcome_still_waits_for_grace() =>
        Assert.Equal(OutcomeStatus.Qualified, Eval(SettlesAt, Closed()).Status);

    [Fact]
    public void inside_grace_the_outcome_is_still_qualified() =>
        Assert.Equal(OutcomeStatus.Qualified, Eval(CommitsAt.AddTicks(-1), Closed()).Status);

    [Fact]
    public void exactly_at_settles_at_plus_grace_the_outcome_is_settled() =>
        Assert.Equal(OutcomeStatus.Settled, Eval(CommitsAt, Closed()).Status);

    [Fact]
    public void after_grace_the_outcome_is_settled_with_nothing_due()
    {
        var state = Eval(CommitsAt.AddDays(1), Closed());

        Assert.Equal(OutcomeStatus.Settled, state.Status);
        Assert.Null(state.NextDueAt);
        Assert.Equal(new AgentRef("support-bot"), state.AttributedAgent);
    }

    [Fact]
    public void without_grace_settlement_happens_exactly_at_settles_at()
    {
        var compiled = Examples.Compile("name: t\ncorrelate_by: ticket_id\nqualify: { seen: ticket.closed }\nsettlement: { window: 72h }\n");

        Assert.Equal(OutcomeStatus.Qualified, OutcomeEvaluator.Evaluate(compiled, [Closed()], SettlesAt.AddTicks(-1)).Status);
        Assert.Equal(OutcomeStatus.Settled, OutcomeEvaluator.Evaluate(compiled, [Closed()], SettlesAt).Status);
    }

    [Fact]
    public void reopened_ticket_inside_window_is_voided()
    {
        var state = Eval(ClosedAt.AddDays(2), Closed(), Reopened(ClosedAt.AddDays(1)));

        Assert.Equal(OutcomeStatus.Voided, state.Status);
        Assert.Equal([Ev.IdOf("closed"), Ev.IdOf("reopened")], state.VoidedBy);
        Assert.Empty(state.ReversedBy);
        Assert.True(state.IsFinal);
    }

    [Fact]
    public void reopen_stamped_before_settles_at_but_arriving_during_grace_voids()
    {
        var fold = OutcomeFold.Restore(Ticket, [Closed()]);
        Assert.Equal(OutcomeStatus.Qualified, fold.Progress(SettlesAt.AddMinutes(5)).Status);

        fold.Apply(Reopened(SettlesAt.AddTicks(-1)));

        Assert.Equal(OutcomeStatus.Voided, fold.Progress(SettlesAt.AddMinutes(5)).Status);
        Assert.Equal(OutcomeStatus.Voided, fold.Progress(CommitsAt.AddDays(1)).Status);
    }

    [Fact]
    public void reopen_stamped_exactly_at_settles_at_reverses_instead_of_voiding()
    {
        Assert.Equal(OutcomeStatus.Qualified, Eval(SettlesAt.AddMinutes(5), Closed(), Reopened(SettlesAt)).Status);

        var state = Eval(CommitsAt, Closed(), Reopened(SettlesAt));

        Assert.Equal(OutcomeStatus.Reversed, state.Status);
        Assert.Equal([Ev.IdOf("closed"), Ev.IdOf("reopened")], state.ReversedBy);
    }

    [Fact]
    public void reopen_after_settlement_reverses_the_settled_outcome()
    {
        var fold = OutcomeFold.Restore(Ticket, [Closed()]);
        Assert.Equal(OutcomeStatus.Settled, fold.Progress(CommitsAt.AddDays(1)).Status);

        fold.Apply(Reopened(CommitsAt.AddDays(1)));

        var state = fold.Evaluate(CommitsAt.AddDays(2));
        Assert.Equal(OutcomeStatus.Reversed, state.Status);
        Assert.Equal(SettlesAt, state.SettlesAt);
        Assert.True(state.Explanation.Qualify.Held);
        Assert.True(state.Explanation.ReverseOn!.Held);
    }

    [Fact]
    public void events_stamped_after_the_window_do_not_change_qualification()
    {
        var state = Eval(CommitsAt.AddDays(2), Closed(), Handoff(CommitsAt.AddDays(1)));

        Assert.Equal(OutcomeStatus.Settled, state.Status);
        Assert.True(state.Explanation.Qualify.Held);
        Assert.Equal(2, state.EventCount);
    }

    [Fact]
    public void a_handoff_inside_the_window_falls_back_from_qualified_to_open()
    {
        var fold = OutcomeFold.Restore(Ticket, [Closed()]);
        Assert.Equal(OutcomeStatus.Qualified, fold.Progress(ClosedAt.AddHours(1)).Status);

        fold.Apply(Handoff(ClosedAt.AddHours(2)));

        var state = fold.Evaluate(ClosedAt.AddHours(3));
        Assert.Equal(OutcomeStatus.Open, state.Status);
        Assert.Null(state.QualifiedAt);
        Assert.Null(state.SettlesAt);
    }

    [Fact]
    public void a_late_handoff_stamped_before_the_close_keeps_it_open()
    {
        var fold = OutcomeFold.Restore(Ticket, [Closed()]);

        fold.Apply(Handoff(ClosedAt.AddMinutes(-20)));

        Assert.Equal(OutcomeStatus.Open, fold.Progress(ClosedAt.AddHours(1)).Status);
        Assert.Equal(ClosedAt.AddMinutes(-20).AddDays(30), fold.Progress(ClosedAt.AddHours(1)).ExpiresAt);
    }

    [Fact]
    public void an_open_outcome_expires_exactly_at_first_event_plus_expire_after()
    {
        var expiresAt = ClosedAt.AddDays(30);

        Assert.Equal(OutcomeStatus.Open, Eval(expiresAt.AddTicks(-1), Closed("pending")).Status);
        Assert.Equal(OutcomeStatus.Expired, Eval(expiresAt, Closed("pending")).Status);
    }

    [Fact]
    public void an_event_stamped_after_expiry_cannot_qualify_the_outcome()
    {
        var late = Ev.Make("late", "ticket.closed", ClosedAt.AddDays(31), new { ticket_id = "T-1", resolution = "solved" });

        var state = Eval(ClosedAt.AddDays(32), Closed("pending"), late);

        Assert.Equal(OutcomeStatus.Expired, state.Status);
    }

    [Fact]
    public void a_qualified_outcome_does_not_expire()
    {
        Assert.Equal(OutcomeStatus.Settled, Eval(ClosedAt.AddDays(60), Closed()).Status);
    }

    [Fact]
    public void duplicates_and_unrouted_types_change_nothing()
    {
        var fold = new OutcomeFold(Ticket);

        Assert.Equal(ApplyResult.Applied, fold.Apply(Closed()));
        Assert.Equal(ApplyResult.Duplicate, fold.Apply(Closed()));
        Assert.Equal(ApplyResult.Ignored, fold.Apply(Ev.Make("created", "ticket.created", ClosedAt, new { ticket_id = "T-1" })));
        Assert.Equal(1, fold.Count);
    }

    [Fact]
    public void reset_on_event_restarts_the_window_from_each_new_event()
    {
        var code = Examples.Compiled("code_change_merged");
        var merged = Ev.Make("m", "pr.merged", Ev.T0, new { pull_request = "PR-1" });
        var ci = Ev.Make("ci", "ci.passed", Ev.T0.AddHours(1), new { pull_request = "PR-1" });
        var ci2 = Ev.Make("ci2", "ci.passed", Ev.T0.AddDays(3), new { pull_request = "PR-1" });

        var state = OutcomeEvaluator.Evaluate(code, [merged, ci, ci2], Ev.T0.AddDays(8));

        Assert.Equal(OutcomeStatus.Qualified, state.Status);
        Assert.Equal(Ev.T0.AddHours(1), state.QualifiedAt);
        Assert.Equal(Ev.T0.AddDays(10), state.SettlesAt);
        Assert.Equal(OutcomeStatus.Settled, OutcomeEvaluator.Evaluate(code, [merged, ci, ci2], Ev.T0.AddDays(10)).Status);
    }

    [Fact]
    public void value_and_dimensions_come_from_the_window_events()
    {
        var deal = Examples.Compiled("deal_closed_large");
        OutcomeEvent Line(string key, decimal amount, int hour) => Ev.Make(key, "deal.line_item", Ev.T0.AddHours(hour), new { deal_id = "D-1", amount });
        var events = new[]
        {
            Line("l1", 6000m, 0),
            Line("l2", 4000.50m, 1),
            Ev.Make("won", "deal.closed_won", Ev.T0.AddHours(2), new { deal_id = "D-1", region = "emea" }, "sales-bot"),
        };

        var state = OutcomeEvaluator.Evaluate(deal, events, Ev.T0.AddDays(31));

        Assert.Equal(OutcomeStatus.Settled, state.Status);
        Assert.Equal(10000.50m, state.Value);
        Assert.Equal([new DimensionValue("region", "emea")], state.Dimensions);
        Assert.Equal(new AgentRef("sales-bot"), state.AttributedAgent);
    }

    [Fact]
    public void a_missing_dimension_is_reported_as_null()
    {
        var meeting = Examples.Compiled("meeting_booked");
        var booked = Ev.Make("b", "meeting.booked", Ev.T0, new { meeting_id = "M-1", lead = new { score = 80 } });

        Assert.Equal([new DimensionValue("lead.segment", null)], OutcomeEvaluator.Evaluate(meeting, [booked], Ev.T0).Dimensions);
    }

    [Fact]
    public void attribution_first_and_last_pick_the_agent_of_the_first_or_last_attributed_event()
    {
        const string yaml = "name: t\ncorrelate_by: id\nqualify: { count: { of: a, at_least: 2 } }\nsettlement: { window: 1h }\nattribution: ";
        var events = new[] { Ev.Make("1", "a", Ev.T0, new { id = "1" }, "first-bot"), Ev.Make("2", "a", Ev.T0.AddMinutes(1), new { id = "1" }, "last-bot"), Ev.Make("3", "a", Ev.T0.AddMinutes(2), new { id = "1" }) };

        Assert.Equal("first-bot", OutcomeEvaluator.Evaluate(Examples.Compile(yaml + "first"), events, Ev.T0).AttributedAgent?.Id);
        Assert.Equal("last-bot", OutcomeEvaluator.Evaluate(Examples.Compile(yaml + "last"), events, Ev.T0).AttributedAgent?.Id);
    }

    [Fact]
    public void password_reset_needs_its_sequence_within_fifteen_minutes()
    {
        var reset = Examples.Compiled("password_reset_completed");
        OutcomeEvent E(string type, int minute) => Ev.Make(type, type, Ev.T0.AddMinutes(minute), new { request_id = "R-1" });

        Assert.Equal(OutcomeStatus.Qualified, OutcomeEvaluator.Evaluate(reset, [E("reset.requested", 0), E("identity.verified", 3), E("reset.completed", 15)], Ev.T0.AddMinutes(20)).Status);
        Assert.Equal(OutcomeStatus.Open, OutcomeEvaluator.Evaluate(reset, [E("reset.requested", 0), E("identity.verified", 3), E("reset.completed", 16)], Ev.T0.AddMinutes(20)).Status);
        Assert.Equal(OutcomeStatus.Open, OutcomeEvaluator.Evaluate(reset, [E("reset.requested", 0), E("human.intervention", 1), E("identity.verified", 3), E("reset.completed", 6)], Ev.T0.AddMinutes(20)).Status);
    }
}
