using Witn.Domain.Evaluation;
using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;
using static Witn.Domain.Tests.Evidence.EvidenceCases;

namespace Witn.Domain.Tests.Evidence;

public sealed class EvidenceSummaryTests
{
    [Fact]
    public void a_reversed_outcome_says_which_event_reversed_it_and_when()
    {
        var reopenedAt = TicketSettlesAt.AddHours(20);
        var reopen = Ev.Make("reopen", "ticket.reopened", reopenedAt, new { ticket_id = "T-1042" }, "portal", "1.0");
        var bundle = TicketBundle(TicketEvents(reopen), reopenedAt.AddHours(1));

        Assert.Equal(
            "ticket_resolved for T-1042 reversed: ticket.reopened at 2026-11-06 05:30 by portal 1.0, after the 72 h window closed 2026-11-05 09:30; "
            + "the charge settled 2026-11-05 09:40 is credited.",
            bundle.CreditSummary);
        // The charge itself stays explained: the reopening came after the window.
        Assert.Equal(
            "ticket_resolved for T-1042: ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1; no human.handoff; "
            + "not reopened within the 72 h window that closed 2026-11-05 09:30.",
            bundle.Summary);
    }

    [Fact]
    public void a_qualified_outcome_says_when_its_window_closes()
    {
        var bundle = TicketBundle(TicketEvents(), ClosedAt.AddHours(1));

        Assert.Equal(OutcomeStatus.Qualified, bundle.Status);
        Assert.EndsWith("not reopened within the 72 h window that closes 2026-11-05 09:30.", bundle.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void count_and_sum_leaves_read_as_numbers_against_their_bounds()
    {
        var deal = Examples.Compiled("deal_closed_large");
        var at = Ev.Time("2026-11-02T09:00:00Z");
        var events = new[]
        {
            Ev.Make("l1", "deal.line_item", at, new { deal_id = "D-7", amount = 8000.50m, region = "emea" }, "sales-bot", "2"),
            Ev.Make("l2", "deal.line_item", at.AddMinutes(1), new { deal_id = "D-7", amount = 4000 }, "sales-bot", "2"),
            Ev.Make("won", "deal.closed_won", at.AddMinutes(5), new { deal_id = "D-7" }, "sales-bot", "2"),
        };

        var bundle = Build(deal, Examples.Text("deal_closed_large"), events, at.AddDays(31));

        Assert.Equal(
            "deal_closed_large for D-7: deal.closed_won at 2026-11-02 09:05 by sales-bot 2; amount of deal.line_item totals 12000.5 (at least 10000); "
            + "not refunded within the 30 d window that closed 2026-12-02 09:05.",
            bundle.Summary);
        Assert.Equal(12000.5m, bundle.Value);
        Assert.Equal("emea", Assert.Single(bundle.Dimensions).Value);

        var code = Examples.Compiled("code_change_merged");
        var merged = new[]
        {
            Ev.Make("ci1", "ci.passed", at, new { pull_request = 42 }, "ci"),
            Ev.Make("ci2", "ci.passed", at.AddMinutes(3), new { pull_request = 42 }, "ci"),
            Ev.Make("merge", "pr.merged", at.AddMinutes(9), new { pull_request = 42 }, "code-bot", "0.9"),
        };
        var codeBundle = Build(code, Examples.Text("code_change_merged"), merged, at.AddDays(8));
        Assert.Equal(
            "code_change_merged for 42: pr.merged at 2026-11-02 09:09 by code-bot 0.9; 2 ci.passed events (at least 1); "
            + "not reverted within the 7 d window that closed 2026-11-09 09:09.",
            codeBundle.Summary);
    }

    [Fact]
    public void a_sequence_reads_as_its_steps_from_first_to_last()
    {
        var reset = Examples.Compiled("password_reset_completed");
        var at = Ev.Time("2026-11-02T09:00:00Z");
        var events = new[]
        {
            Ev.Make("r", "reset.requested", at, new { request_id = "R-1" }, "it-bot", "5"),
            Ev.Make("v", "identity.verified", at.AddMinutes(2), new { request_id = "R-1" }, "it-bot", "5"),
            Ev.Make("c", "reset.completed", at.AddMinutes(7), new { request_id = "R-1" }, "it-bot", "5"),
        };

        var bundle = Build(reset, Examples.Text("password_reset_completed"), events, at.AddHours(2));

        Assert.Equal(
            "password_reset_completed for R-1: reset.requested → identity.verified → reset.completed from 2026-11-02 09:00 to 2026-11-02 09:07 (within 15 min); "
            + "no human.intervention; the 1 h window closed 2026-11-02 10:07.",
            bundle.Summary);
    }
}
