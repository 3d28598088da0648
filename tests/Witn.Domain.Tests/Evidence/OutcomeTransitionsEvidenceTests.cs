using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;
using static Witn.Domain.Tests.Evidence.EvidenceCases;

namespace Witn.Domain.Tests.Evidence;

public sealed class OutcomeTransitionsEvidenceTests
{
    private static readonly CompiledDefinition Case = Examples.Compiled("procurement_case_closed");
    private static readonly DateTimeOffset CaseClosedAt = Ev.Time("2026-11-16T10:05:00Z");

    private static OutcomeEvent C(string key, string type, string at, string? agent = null, object? properties = null) =>
        Ev.Make(key, type, Ev.Time(at), properties ?? new { case_id = "C-1" }, agent);

    private static OutcomeEvent[] CaseEvents() =>
    [
        C("open", "case.opened", "2026-11-16T08:00:00Z", "intake-bot"),
        C("act1", "agent.action", "2026-11-16T08:01:00Z", "intake-bot"),
        C("enrich", "record.enriched", "2026-11-16T08:02:00Z", "enrich-bot"),
        C("act2", "agent.action", "2026-11-16T08:03:00Z", "enrich-bot"),
        C("appr", "case.approved", "2026-11-16T10:00:00Z", properties: new { case_id = "C-1", approver_type = "human" }),
        C("close", "case.closed", "2026-11-16T10:05:00Z", "intake-bot"),
    ];

    [Fact]
    public void a_voided_outcome_ends_at_the_voiding_event()
    {
        var reopen = Ev.Make("reopen", "ticket.reopened", ClosedAt.AddHours(5), new { ticket_id = "T-1042" }, "portal");
        var bundle = TicketBundle(TicketEvents(reopen), TicketCommitsAt);

        Assert.Equal(OutcomeStatus.Voided, bundle.Status);
        Assert.Equal(
            [
                new OutcomeTransition("opened", ClosedAt, "first event ticket.closed", Ev.IdOf("closed")),
                new OutcomeTransition("qualified", ClosedAt, "qualify held with ticket.closed", Ev.IdOf("closed")),
                new OutcomeTransition("voided", ClosedAt.AddHours(5), "reverse_on held before the window closed: ticket.reopened", Ev.IdOf("reopen")),
            ],
            bundle.Transitions);
        Assert.Null(bundle.SettledAt);
        Assert.Equal(
            "ticket_resolved for T-1042: ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1; no human.handoff; "
            + "voided by ticket.reopened at 2026-11-02 14:30 by portal, before the 72 h window closed at 2026-11-05 09:30.",
            bundle.Summary);
    }

    [Fact]
    public void a_review_approved_case_shows_review_and_approval_before_settling()
    {
        var approvedAt = CaseClosedAt.AddHours(2);
        var approval = new ReviewDecision(ReviewVerdict.Approve, approvedAt, "ops@acme", "checked the second agent");
        var bundle = Build(Case, Examples.Text("procurement_case_closed"), CaseEvents(), CaseClosedAt.AddDays(2), [approval]);

        Assert.Equal(OutcomeStatus.Settled, bundle.Status);
        Assert.Equal(
            [OutcomeTransitions.Opened, OutcomeTransitions.Qualified, OutcomeTransitions.InReview, OutcomeTransitions.Approved, OutcomeTransitions.Settled],
            bundle.Transitions.Select(t => t.State));
        var review = bundle.Transitions[2];
        Assert.Equal(CaseClosedAt, review.At); // review_when held at 08:03, but review applies from qualification
        var approved = bundle.Transitions[3];
        Assert.Equal(new OutcomeTransition("approved", approvedAt, "checked the second agent", By: "ops@acme"), approved);
        Assert.Equal(CaseClosedAt.AddHours(24), bundle.Transitions[4].At);
        Assert.Equal(approval, bundle.Review);
        Assert.Equal(new AgentRef("intake-bot"), bundle.AttributedAgent);
        Assert.Equal(
            "procurement_case_closed for C-1: case.opened at 2026-11-16 08:00 by intake-bot; record.enriched at 2026-11-16 08:02 by enrich-bot; "
            + "case.approved (approver_type = human) at 2026-11-16 10:00; case.closed at 2026-11-16 10:05 by intake-bot; "
            + "reviewed because of 2 distinct $agent.id among agent.action events (at least 2), approved by ops@acme at 2026-11-16 12:05 (\"checked the second agent\"); "
            + "the 24 h window closed 2026-11-17 10:05.",
            bundle.Summary);
    }

    [Fact]
    public void review_that_applies_only_after_qualification_starts_when_its_condition_held()
    {
        var escalated = C("esc", "case.escalated", "2026-11-16T11:00:00Z", "intake-bot");
        var state = OutcomeEvaluator.Evaluate(Case, [.. CaseEvents().Where(e => e.Type != "agent.action"), escalated], CaseClosedAt.AddDays(3));

        var transitions = OutcomeTransitions.Derive(Case.Definition, state, [.. CaseEvents(), escalated]);

        Assert.Equal(OutcomeStatus.InReview, state.Status);
        Assert.Equal(new OutcomeTransition("in_review", Ev.Time("2026-11-16T11:00:00Z"), "review_when held: any of 2"), transitions[^1]);
    }

    [Fact]
    public void a_rejected_case_ends_with_the_rejection()
    {
        var reject = new ReviewDecision(ReviewVerdict.Reject, CaseClosedAt.AddHours(1), "ops@acme");
        var state = OutcomeEvaluator.Evaluate(Case, CaseEvents(), CaseClosedAt.AddDays(2), [reject]);

        var transitions = OutcomeTransitions.Derive(Case.Definition, state, CaseEvents());

        Assert.Equal(["opened", "qualified", "in_review", "rejected"], transitions.Select(t => t.State));
        Assert.Equal("ops@acme", transitions[^1].By);
    }

    [Fact]
    public void an_outcome_that_never_qualified_expires_at_its_deadline()
    {
        var unsolved = Ev.Make("closed", "ticket.closed", ClosedAt, new { ticket_id = "T-1042", resolution = "duplicate" }, "support-bot", "3.1");
        var bundle = TicketBundle([unsolved], ClosedAt.AddDays(31));

        Assert.Equal(
            [
                new OutcomeTransition("opened", ClosedAt, "first event ticket.closed", Ev.IdOf("closed")),
                new OutcomeTransition("expired", ClosedAt.AddDays(30), "not qualified within 30 d of the first event"),
            ],
            bundle.Transitions);
        Assert.Equal(
            "ticket_resolved for T-1042: expired at 2026-12-02 09:30 without qualifying; no ticket.closed (resolution = solved); no human.handoff.",
            bundle.Summary);
    }

    [Fact]
    public void a_reversed_outcome_settles_then_reverses_at_the_reversing_event()
    {
        var reopenedAt = TicketSettlesAt.AddHours(20);
        var reopen = Ev.Make("reopen", "ticket.reopened", reopenedAt, new { ticket_id = "T-1042" }, "portal", "1.0");
        var bundle = TicketBundle(TicketEvents(reopen), reopenedAt.AddHours(1));

        Assert.Equal(OutcomeStatus.Reversed, bundle.Status);
        Assert.Equal(["opened", "qualified", "settled", "reversed"], bundle.Transitions.Select(t => t.State));
        Assert.Equal(new OutcomeTransition("reversed", reopenedAt, "reverse_on held after the window closed: ticket.reopened", Ev.IdOf("reopen")), bundle.Transitions[^1]);
        Assert.Equal(TicketCommitsAt, bundle.SettledAt);
        Assert.Equal([Ev.IdOf("closed"), Ev.IdOf("reopen")], bundle.ReversedBy);
    }
}
