using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;
using static Witn.Domain.Tests.Evidence.EvidenceCases;

namespace Witn.Domain.Tests.Evidence;

public sealed class EvidenceBuilderTests
{
    [Fact]
    public void the_ticket_example_explains_itself_in_one_sentence()
    {
        var bundle = TicketBundle(TicketEvents(), TicketCommitsAt);

        Assert.Equal(
            "ticket_resolved for T-1042: ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1; no human.handoff; "
            + "not reopened within the 72 h window that closed 2026-11-05 09:30.",
            bundle.Summary);
        Assert.Null(bundle.CreditSummary);
    }

    [Fact]
    public void the_ticket_example_carries_the_facts_of_the_charge()
    {
        var events = TicketEvents();
        var bundle = TicketBundle(events, TicketCommitsAt);

        Assert.Equal("acme", bundle.TenantId);
        Assert.Equal("ticket_resolved", bundle.Outcome);
        Assert.Equal("T-1042", bundle.Correlation);
        Assert.Equal(3, bundle.DefinitionVersion);
        Assert.Equal(Ticket.ContentHash, bundle.DefinitionHash);
        Assert.Equal(Examples.Text("ticket_resolved"), bundle.DefinitionSource);
        Assert.Equal(7, bundle.ContractVersion);
        Assert.Equal(OutcomeStatus.Settled, bundle.Status);
        Assert.Equal(ClosedAt, bundle.QualifiedAt);
        Assert.Equal(TicketSettlesAt, bundle.SettlesAt);
        Assert.Equal(TicketCommitsAt, bundle.SettledAt);
        Assert.Equal(new AgentRef("support-bot", "3.1"), bundle.AttributedAgent);
        var e = Assert.Single(bundle.Events);
        Assert.Equal(events[0].EventId, e.EventId);
        Assert.Equal(ClosedAt.AddSeconds(1), e.ReceivedAt);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", e.TraceId);
        Assert.Equal("""{"channel":"email","resolution":"solved","ticket_id":"T-1042"}""", e.PropertiesJson);
        Assert.True(bundle.Explanation.Qualify.Held);
        Assert.Equal([events[0].EventId], bundle.Explanation.Qualify.Children[0].EventIds);
        Assert.Equal(
            [OutcomeTransitions.Opened, OutcomeTransitions.Qualified, OutcomeTransitions.Settled],
            bundle.Transitions.Select(t => t.State));
        Assert.Equal([ClosedAt, ClosedAt, TicketCommitsAt], bundle.Transitions.Select(t => t.At));
    }

    [Fact]
    public void the_ticket_example_round_trips_through_json()
    {
        var bundle = TicketBundle(TicketEvents(), TicketCommitsAt);

        var json = EvidenceJson.Write(bundle);
        var back = EvidenceJson.Read(json);

        Assert.Equal(bundle, back);
        Assert.Equal(json, EvidenceJson.Write(back));
    }

    [Fact]
    public void building_twice_gives_the_same_bytes()
    {
        var first = EvidenceJson.Write(TicketBundle(TicketEvents(), TicketCommitsAt));
        var second = EvidenceJson.Write(TicketBundle(TicketEvents(), TicketCommitsAt));

        Assert.Equal(first, second);
    }

    [Fact]
    public void event_arrival_order_and_duplicates_do_not_change_the_bytes()
    {
        var handoffElsewhere = Ev.Make("reopen", "ticket.reopened", ClosedAt.AddHours(-1), new { ticket_id = "T-1042" }, "portal");
        var comment = Ev.Make("close0", "ticket.closed", ClosedAt.AddHours(-3), new { ticket_id = "T-1042", resolution = "duplicate" }, "support-bot", "3.0");
        var events = TicketEvents(handoffElsewhere, comment);

        var inOrder = EvidenceJson.Write(TicketBundle([.. events.OrderBy(e => e.Timestamp)], TicketCommitsAt));
        var reversed = EvidenceJson.Write(TicketBundle([.. events.OrderByDescending(e => e.Timestamp), events[0]], TicketCommitsAt));

        Assert.Equal(inOrder, reversed);
        var bundle = EvidenceJson.Read(inOrder);
        Assert.Equal(3, bundle.Events.Count);
        Assert.Equal(bundle.Events.OrderBy(e => e.Timestamp).Select(e => e.EventId), bundle.Events.Select(e => e.EventId));
    }

    [Fact]
    public void a_bundle_needs_an_event_that_names_the_outcome() =>
        Assert.Throws<ArgumentException>(() => EvidenceBuilder.Build(
            "acme", Ticket, 1, "", null, OutcomeEvaluator.Evaluate(Ticket, [], TicketCommitsAt), []));
}
