using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

public sealed class ReviewTests
{
    private static readonly CompiledDefinition Case = Examples.Compiled("procurement_case_closed");
    private static readonly DateTimeOffset ClosedAt = Ev.Time("2026-11-16T10:05:00Z");
    private static readonly DateTimeOffset SettlesAt = ClosedAt.AddHours(24);

    private static OutcomeEvent E(string key, string type, string at, string? agent = null, object? properties = null) =>
        Ev.Make(key, type, Ev.Time(at), properties ?? new { case_id = "C-1" }, agent);

    private static OutcomeEvent[] Events(bool twoAgents) =>
    [
        E("open", "case.opened", "2026-11-16T08:00:00Z", "intake-bot"),
        E("act1", "agent.action", "2026-11-16T08:01:00Z", "intake-bot"),
        E("enrich", "record.enriched", "2026-11-16T08:02:00Z", "enrich-bot"),
        E("act2", "agent.action", "2026-11-16T08:03:00Z", twoAgents ? "enrich-bot" : "intake-bot"),
        E("appr", "case.approved", "2026-11-16T10:00:00Z", properties: new { case_id = "C-1", approver_type = "human" }),
        E("close", "case.closed", "2026-11-16T10:05:00Z", "intake-bot"),
    ];

    [Fact]
    public void a_case_one_agent_worked_on_settles_on_its_own() =>
        Assert.Equal(OutcomeStatus.Settled, OutcomeEvaluator.Evaluate(Case, Events(twoAgents: false), SettlesAt).Status);

    [Fact]
    public void a_case_two_agents_worked_on_waits_for_review_even_after_the_window()
    {
        var state = OutcomeEvaluator.Evaluate(Case, Events(twoAgents: true), SettlesAt.AddDays(3));

        Assert.Equal(OutcomeStatus.InReview, state.Status);
        Assert.Null(state.NextDueAt);
        Assert.True(state.Explanation.ReviewWhen!.Held);
        Assert.Equal([Ev.IdOf("act1"), Ev.IdOf("act2")], state.Explanation.ReviewWhen.Children[1].EventIds);
    }

    [Fact]
    public void approval_after_the_window_settles_at_the_approval()
    {
        var approvedAt = SettlesAt.AddHours(5);
        var approval = new ReviewDecision(ReviewVerdict.Approve, approvedAt, "ops@globex");

        Assert.Equal(OutcomeStatus.InReview, OutcomeEvaluator.Evaluate(Case, Events(true), approvedAt.AddTicks(-1), [approval]).Status);
        var state = OutcomeEvaluator.Evaluate(Case, Events(true), approvedAt, [approval]);
        Assert.Equal(OutcomeStatus.Settled, state.Status);
        Assert.Equal(approvedAt, state.CommitsAt);
        Assert.Equal(approval, state.Review);
    }

    [Fact]
    public void approval_inside_the_window_still_waits_for_the_window()
    {
        var approval = new ReviewDecision(ReviewVerdict.Approve, ClosedAt.AddHours(1));

        var state = OutcomeEvaluator.Evaluate(Case, Events(true), ClosedAt.AddHours(2), [approval]);

        Assert.Equal(OutcomeStatus.Qualified, state.Status);
        Assert.Equal(SettlesAt, state.CommitsAt);
        Assert.Equal(OutcomeStatus.Settled, OutcomeEvaluator.Evaluate(Case, Events(true), SettlesAt, [approval]).Status);
    }

    [Fact]
    public void rejection_is_final_and_never_billed()
    {
        var reject = new ReviewDecision(ReviewVerdict.Reject, ClosedAt.AddHours(1));
        var laterApprove = new ReviewDecision(ReviewVerdict.Approve, ClosedAt.AddHours(2));

        var state = OutcomeEvaluator.Evaluate(Case, Events(true), SettlesAt.AddDays(1), [laterApprove, reject]);

        Assert.Equal(OutcomeStatus.Rejected, state.Status);
        Assert.Equal(reject, state.Review);
    }

    [Fact]
    public void a_decision_is_ignored_when_no_review_is_needed()
    {
        var reject = new ReviewDecision(ReviewVerdict.Reject, ClosedAt.AddHours(1));

        Assert.Equal(OutcomeStatus.Settled, OutcomeEvaluator.Evaluate(Case, Events(false), SettlesAt, [reject]).Status);
    }

    [Fact]
    public void an_escalation_sends_the_case_to_review()
    {
        var events = Events(false).Append(E("esc", "case.escalated", "2026-11-16T09:00:00Z")).ToArray();

        Assert.Equal(OutcomeStatus.InReview, OutcomeEvaluator.Evaluate(Case, events, SettlesAt).Status);
    }
}
