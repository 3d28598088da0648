using Witn.Domain.Disputes;

namespace Witn.Domain.Tests.Disputes;

public sealed class DisputeRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DisputedCharge Charge = new(Guid.Parse("0d5b6c1e-0000-4000-8000-000000000001"), "acme", "ticket_resolved", "T-1", 2.00m, "USD", 0m, "ab12");

    private static Dispute Opened(decimal? amount = null, DisputeSettings? settings = null) =>
        DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), "not_achieved", "the ticket was reopened", amount, "portal"), Charge, [], settings ?? DisputeSettings.Default, T0)
            .Change!.Dispute;

    [Fact]
    public void opening_disputes_the_whole_charge_by_default_and_sets_both_deadlines()
    {
        var result = DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), "not_achieved", "reopened", null, "portal"), Charge, [], DisputeSettings.Default, T0);

        var d = result.Change!.Dispute;
        Assert.Equal(DisputeStatus.Open, d.Status);
        Assert.Equal(2.00m, d.Amount);
        Assert.Equal(T0.AddHours(48), d.AckDueBy);
        Assert.Equal(T0.AddDays(14), d.ResolveDueBy);
        Assert.Equal("ab12", d.EvidenceSha256);
        Assert.Equal([DisputeNotifications.Opened], result.Change.Notifications);
        Assert.Equal(DisputeAuthor.Customer, Assert.Single(d.Thread).Kind);
    }

    [Theory]
    [InlineData("unhappy", "x", null, "reason")]
    [InlineData(null, "x", null, "reason")]
    [InlineData("duplicate", "", null, "message")]
    [InlineData("duplicate", "x", "2.01", "amount")]
    [InlineData("duplicate", "x", "0", "amount")]
    [InlineData("duplicate", "x", "-1", "amount")]
    [InlineData("duplicate", "x", "0.005", "amount")]
    public void bad_openings_are_refused_naming_the_field(string? reason, string message, string? amount, string field)
    {
        var result = DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), reason, message, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "k"), Charge, [], DisputeSettings.Default, T0);

        Assert.Null(result.Change);
        Assert.Equal(DisputeRefusalKind.Invalid, result.Refusal!.Kind);
        Assert.Equal(field, result.Refusal.Field);
    }

    [Fact]
    public void a_message_over_ten_thousand_characters_is_refused()
    {
        var result = DisputeRules.AddMessage(Opened(), DisputeAuthor.Customer, "portal", new string('x', 10_001), T0);

        Assert.Equal("text", result.Refusal!.Field);
    }

    [Fact]
    public void a_second_open_dispute_on_the_charge_is_a_conflict_carrying_the_first()
    {
        var first = Opened(1.00m);

        var result = DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), "other", "again", 0.50m, "k"), Charge, [first], DisputeSettings.Default, T0);

        Assert.Equal(DisputeRefusalKind.Conflict, result.Refusal!.Kind);
        Assert.Same(first, result.Refusal.Existing);
    }

    [Fact]
    public void after_a_partial_credit_only_the_rest_of_the_charge_is_disputable()
    {
        var first = Opened(1.50m);
        var credited = DisputeRules.Resolve(first, DisputeDecisionKind.Credit, null, "fair", "key-1", Charge, DisputeSettings.Default, T0).Change!.Dispute;
        var after = Charge with { Credited = 1.50m };

        var tooMuch = DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), "other", "the rest", 1.00m, "k"), after, [credited], DisputeSettings.Default, T0);
        var rest = DisputeRules.Open(new DisputeOpening(Guid.NewGuid(), "other", "the rest", null, "k"), after, [credited], DisputeSettings.Default, T0);

        Assert.Equal("amount", tooMuch.Refusal!.Field);
        Assert.Equal(0.50m, rest.Change!.Dispute.Amount);
    }

    [Fact]
    public void an_operator_message_acknowledges_and_a_customer_message_does_not()
    {
        var d = Opened();

        var customer = DisputeRules.AddMessage(d, DisputeAuthor.Customer, "portal", "more detail", T0.AddHours(1)).Change!.Dispute;
        var operatorReply = DisputeRules.AddMessage(customer, DisputeAuthor.Operator, "key-1", "looking", T0.AddHours(2)).Change!.Dispute;

        Assert.Equal(DisputeStatus.Open, customer.Status);
        Assert.Equal(DisputeStatus.UnderReview, operatorReply.Status);
        Assert.Equal(T0.AddHours(2), operatorReply.AcknowledgedAt);
        Assert.Equal(3, operatorReply.Thread.Count);
    }

    [Fact]
    public void a_credit_issues_its_fixed_credit_id_and_closes_the_dispute()
    {
        var d = Opened();

        var change = DisputeRules.Resolve(d, DisputeDecisionKind.Credit, 0.50m, "partly", "key-1", Charge, DisputeSettings.Default, T0).Change!;

        Assert.Equal(DisputeStatus.Credited, change.Dispute.Status);
        Assert.Equal(0.50m, change.Credit);
        Assert.Equal(DisputeRules.CreditIdOf(d.Id), change.Dispute.Resolution!.CreditId);
        Assert.Equal([DisputeNotifications.Resolved], change.Notifications);
    }

    [Fact]
    public void a_rejection_needs_a_written_reason()
    {
        var result = DisputeRules.Resolve(Opened(), DisputeDecisionKind.Reject, null, " ", "key-1", Charge, DisputeSettings.Default, T0);

        Assert.Equal("note", result.Refusal!.Field);
    }

    [Fact]
    public void a_credit_above_the_disputed_amount_is_refused()
    {
        var result = DisputeRules.Resolve(Opened(1.00m), DisputeDecisionKind.Credit, 1.50m, "", "key-1", Charge, DisputeSettings.Default, T0);

        Assert.Equal(DisputeRefusalKind.Invalid, result.Refusal!.Kind);
        Assert.Equal("amount", result.Refusal.Field);
    }

    [Fact]
    public void a_credit_beyond_what_a_later_reversal_left_is_a_conflict()
    {
        var d = Opened();
        var reversedMeanwhile = Charge with { Credited = 1.80m };

        var result = DisputeRules.Resolve(d, DisputeDecisionKind.Credit, null, "", "key-1", reversedMeanwhile, DisputeSettings.Default, T0);

        Assert.Equal(DisputeRefusalKind.Conflict, result.Refusal!.Kind);
    }

    [Theory]
    [InlineData("credit")]
    [InlineData("reject")]
    [InlineData("withdraw")]
    [InlineData("message")]
    public void a_closed_dispute_takes_no_more_commands(string command)
    {
        var closed = DisputeRules.Withdraw(Opened(), T0).Change!.Dispute;

        var result = command switch
        {
            "credit" => DisputeRules.Resolve(closed, DisputeDecisionKind.Credit, null, "", "k", Charge, DisputeSettings.Default, T0),
            "reject" => DisputeRules.Resolve(closed, DisputeDecisionKind.Reject, null, "no", "k", Charge, DisputeSettings.Default, T0),
            "withdraw" => DisputeRules.Withdraw(closed, T0),
            _ => DisputeRules.AddMessage(closed, DisputeAuthor.Customer, "p", "hello", T0),
        };

        Assert.Equal(DisputeRefusalKind.Conflict, result.Refusal!.Kind);
    }

    [Fact]
    public void a_credit_above_the_approval_limit_waits_for_a_different_key()
    {
        var settings = DisputeSettings.Default with { ApprovalLimit = 1.00m };
        var d = Opened(settings: settings);

        var proposed = DisputeRules.Resolve(d, DisputeDecisionKind.Credit, null, "agent error", "key-1", Charge, settings, T0).Change!;
        var sameKey = DisputeRules.Approve(proposed.Dispute, "key-1", Charge, T0);
        var secondKey = DisputeRules.Resolve(proposed.Dispute, DisputeDecisionKind.Credit, null, null, "key-2", Charge, settings, T0.AddHours(1)).Change!;

        Assert.Null(proposed.Credit);
        Assert.Equal(DisputeStatus.UnderReview, proposed.Dispute.Status);
        Assert.Equal(2.00m, proposed.Dispute.Proposal!.Amount);
        Assert.Equal(DisputeRefusalKind.Forbidden, sameKey.Refusal!.Kind);
        Assert.Equal(DisputeStatus.Credited, secondKey.Dispute.Status);
        Assert.Equal(2.00m, secondKey.Credit);
        Assert.Equal(("key-1", "key-2"), (secondKey.Dispute.Resolution!.DecidedBy, secondKey.Dispute.Resolution.ApprovedBy));
    }

    [Fact]
    public void a_credit_at_the_approval_limit_needs_no_second_key()
    {
        var settings = DisputeSettings.Default with { ApprovalLimit = 2.00m };

        var change = DisputeRules.Resolve(Opened(settings: settings), DisputeDecisionKind.Credit, null, "", "key-1", Charge, settings, T0).Change!;

        Assert.Equal(2.00m, change.Credit);
    }

    [Fact]
    public void overdue_is_past_the_unmet_acknowledgement_or_the_resolution_deadline_and_notified_once()
    {
        var d = Opened();
        var acknowledged = DisputeRules.Review(d, T0.AddHours(1)).Change!.Dispute;

        Assert.False(DisputeRules.IsOverdue(d, T0.AddHours(48)));
        Assert.True(DisputeRules.IsOverdue(d, T0.AddHours(48).AddTicks(1)));
        Assert.False(DisputeRules.IsOverdue(acknowledged, T0.AddDays(3)));
        Assert.True(DisputeRules.IsOverdue(acknowledged, T0.AddDays(14).AddSeconds(1)));
        Assert.Equal(T0.AddHours(48), DisputeRules.NextDue(d));
        Assert.Equal(T0.AddDays(14), DisputeRules.NextDue(acknowledged));

        var marked = DisputeRules.MarkOverdue(d, T0.AddDays(3))!;
        Assert.Equal([DisputeNotifications.Overdue], marked.Notifications);
        Assert.Null(DisputeRules.MarkOverdue(marked.Dispute, T0.AddDays(20)));
        Assert.Null(DisputeRules.NextDue(marked.Dispute));
    }

    [Fact]
    public void the_credit_id_is_fixed_by_the_dispute()
    {
        var id = Guid.NewGuid();

        Assert.Equal(DisputeRules.CreditIdOf(id), DisputeRules.CreditIdOf(id));
        Assert.NotEqual(DisputeRules.CreditIdOf(id), DisputeRules.CreditIdOf(Guid.NewGuid()));
    }
}
