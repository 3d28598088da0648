using Witn.Domain.Evaluation;
using Witn.Domain.Settlement;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Settlement;

/// <summary>The decision table of docs/lifecycle.md, row by row, and the late-event cases it exists for.</summary>
public sealed class SettlementDecisionTests
{
    private static readonly ChargeTerms Terms = new(1, "USD", 2.00m, 2.00m, null, null);
    private static readonly ChargeTerms Other = Terms with { Amount = 3.00m, UnitPrice = 3.00m };
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    public static TheoryData<OutcomeStatus, bool, string, string> Table => new()
    {
        // status, billable, ledger holds, next step
        { OutcomeStatus.Open, true, "nothing", "none" },
        { OutcomeStatus.Open, true, "open", "credit a disqualified" },
        { OutcomeStatus.Qualified, true, "nothing", "none" },
        { OutcomeStatus.Qualified, true, "open", "none" },
        { OutcomeStatus.InReview, true, "nothing", "none" },
        { OutcomeStatus.InReview, true, "open", "credit a in_review" },
        { OutcomeStatus.Settled, true, "nothing", "charge 1" },
        { OutcomeStatus.Settled, true, "open", "none" },
        { OutcomeStatus.Settled, true, "open at other terms", "credit a repriced" },
        { OutcomeStatus.Settled, true, "credited", "charge 2" },
        { OutcomeStatus.Settled, true, "credited, then open", "none" },
        { OutcomeStatus.Settled, true, "open at other terms and open", "credit a repriced" },
        { OutcomeStatus.Settled, false, "nothing", "none" },
        { OutcomeStatus.Settled, false, "open", "none" },
        { OutcomeStatus.Reversed, true, "nothing", "charge 1" },
        { OutcomeStatus.Reversed, true, "open", "credit a reversed" },
        { OutcomeStatus.Reversed, true, "credited", "none" },
        { OutcomeStatus.Reversed, false, "nothing", "none" },
        { OutcomeStatus.Reversed, false, "open", "credit a reversed" },
        { OutcomeStatus.Voided, true, "nothing", "none" },
        { OutcomeStatus.Voided, true, "open", "credit a voided" },
        { OutcomeStatus.Voided, false, "open", "credit a voided" },
        { OutcomeStatus.Rejected, true, "open", "credit a rejected" },
        { OutcomeStatus.Rejected, true, "credited", "none" },
        { OutcomeStatus.Expired, true, "open", "credit a expired" },
        { OutcomeStatus.Expired, true, "nothing", "none" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void each_row_of_the_decision_table_gives_its_step(OutcomeStatus status, bool billable, string holds, string expected)
    {
        HeldCharge[] held = holds switch
        {
            "nothing" => [],
            "open" => [new(A, 1, Terms, null)],
            "open at other terms" => [new(A, 1, Other, null)],
            "credited" => [new(A, 1, Terms, Guid.NewGuid())],
            "credited, then open" => [new(A, 1, Other, Guid.NewGuid()), new(B, 2, Terms, null)],
            "open at other terms and open" => [new(A, 1, Other, null), new(B, 2, Terms, null)],
            _ => throw new ArgumentOutOfRangeException(nameof(holds), holds, null),
        };
        var step = SettlementDecision.Next(status, billable, Terms, held);
        var text = step.Kind switch
        {
            SettlementStepKind.None => "none",
            SettlementStepKind.Charge => $"charge {step.Sequence}",
            _ => $"credit {(step.ChargeId == A ? "a" : "b")} {CreditCauses.ToName(step.Cause)}",
        };
        Assert.Equal(expected, text);
    }

    [Fact]
    public void handoff_stamped_before_the_close_arriving_after_the_charge_is_credited()
    {
        var model = new SettlementModel(Examples.Compiled("ticket_resolved"), billable: true);
        model.Arrive(Ev.Make("close", "ticket.closed", "2026-11-02T09:00:00Z", new { ticket_id = "T-1", resolution = "solved" }));
        model.Advance(Ev.Time("2026-11-06T00:00:00Z"));
        Assert.Single(model.Charges);
        Assert.Equal(4.00m, model.Net); // no dimension, no value: the reference price of the bucket "none"

        model.Arrive(Ev.Make("handoff", "human.handoff", "2026-11-02T08:30:00Z", new { ticket_id = "T-1" }));

        Assert.Equal(0m, model.Net);
        Assert.Equal(1, model.CreditCount);
        Assert.Single(model.Charges);
    }

    [Fact]
    public void late_reversal_of_a_settled_outcome_credits_its_charge_once()
    {
        var model = new SettlementModel(Examples.Compiled("ticket_resolved"), billable: true);
        model.Arrive(Ev.Make("close", "ticket.closed", "2026-11-02T09:00:00Z", new { ticket_id = "T-1", resolution = "solved" }));
        model.Advance(Ev.Time("2026-11-06T00:00:00Z"));
        model.Arrive(Ev.Make("reopen", "ticket.reopened", "2026-11-05T12:00:00Z", new { ticket_id = "T-1" }));
        model.Arrive(Ev.Make("reopen", "ticket.reopened", "2026-11-05T12:00:00Z", new { ticket_id = "T-1" }));

        Assert.Equal(0m, model.Net);
        Assert.Equal((1, 1), (model.Charges.Count, model.CreditCount));
    }

    [Fact]
    public void reversal_known_before_the_settlement_is_seen_is_charged_then_credited()
    {
        var model = new SettlementModel(Examples.Compiled("ticket_resolved"), billable: true);
        model.Arrive(Ev.Make("close", "ticket.closed", "2026-11-02T09:00:00Z", new { ticket_id = "T-1", resolution = "solved" }));
        model.Arrive(Ev.Make("reopen", "ticket.reopened", "2026-11-05T12:00:00Z", new { ticket_id = "T-1" }));
        model.Advance(Ev.Time("2026-11-06T00:00:00Z"));

        Assert.Equal(0m, model.Net);
        Assert.Equal((1, 1), (model.Charges.Count, model.CreditCount));
    }

    [Fact]
    public void late_qualifier_for_an_expired_outcome_charges_it_when_its_window_closes()
    {
        var model = new SettlementModel(Examples.Compiled("ticket_resolved"), billable: true);
        model.Arrive(Ev.Make("pending", "ticket.closed", "2026-11-02T09:00:00Z", new { ticket_id = "T-1", resolution = "pending" }));
        model.Advance(Ev.Time("2026-12-10T00:00:00Z"));
        Assert.Empty(model.Charges);

        // Stamped within expire_after of the first event: in event time it qualified before it could expire.
        model.Arrive(Ev.Make("close", "ticket.closed", "2026-11-20T09:00:00Z", new { ticket_id = "T-1", resolution = "solved" }));

        Assert.Single(model.Charges);
        Assert.Equal(0, model.CreditCount);
    }

    [Fact]
    public void rejected_review_after_a_charge_credits_it()
    {
        var model = new SettlementModel(Examples.Compile("""
            name: reviewed
            correlate_by: ticket_id
            qualify:
              seen: ticket.closed
            review_when:
              seen: ticket.escalated
            settlement:
              window: 1h
            """), billable: true);
        model.Arrive(Ev.Make("close", "ticket.closed", "2026-11-02T09:00:00Z", new { ticket_id = "T-1" }));
        model.Advance(Ev.Time("2026-11-02T11:00:00Z"));
        Assert.Single(model.Charges);

        // A late escalation puts it in review: credited until a reviewer decides; rejected, it stays credited.
        model.Arrive(Ev.Make("escalate", "ticket.escalated", "2026-11-02T09:10:00Z", new { ticket_id = "T-1" }));
        Assert.Equal(0m, model.Net);
        model.Review(new ReviewDecision(ReviewVerdict.Reject, Ev.Time("2026-11-02T12:00:00Z")));

        Assert.Equal(0m, model.Net);
        Assert.Equal((1, 1), (model.Charges.Count, model.CreditCount));
    }

    [Fact]
    public void late_event_that_changes_a_settled_amount_credits_the_charge_and_charges_the_new_amount()
    {
        var model = new SettlementModel(Examples.Compile("""
            name: tokens
            correlate_by: ticket_id
            qualify:
              sum:
                of: ticket.work
                property: tokens
                at_least: 1
            settlement:
              window: 1h
            dimensions: [x]
            """), billable: true);
        model.Arrive(Ev.Make("w1", "ticket.work", "2026-11-02T09:00:00Z", new { ticket_id = "T-1", tokens = 10, x = 0 }));
        model.Advance(Ev.Time("2026-11-02T11:00:00Z"));
        Assert.Equal(1.00m + 1.00m, model.Net);

        // Inside the window in event time: the value is now 30 and the latest x is 1.
        model.Arrive(Ev.Make("w2", "ticket.work", "2026-11-02T09:30:00Z", new { ticket_id = "T-1", tokens = 20, x = 1 }));

        Assert.Equal(2.50m + 3.00m, model.Net);
        Assert.Equal([1, 2], model.Charges.Select(c => c.Sequence));
        Assert.True(model.Charges[0].Credited);
        Assert.False(model.Charges[1].Credited);
    }
}
