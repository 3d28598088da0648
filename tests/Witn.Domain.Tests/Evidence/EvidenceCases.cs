using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evidence;

/// <summary>The example outcomes of the evidence tests, folded and built the way the grain does at commit.</summary>
internal static class EvidenceCases
{
    public static readonly CompiledDefinition Ticket = Examples.Compiled("ticket_resolved");
    public static readonly DateTimeOffset ClosedAt = Ev.Time("2026-11-02T09:30:00Z");
    public static readonly DateTimeOffset TicketSettlesAt = ClosedAt.AddHours(72);
    public static readonly DateTimeOffset TicketCommitsAt = TicketSettlesAt.AddMinutes(10);

    public static OutcomeEvent[] TicketEvents(params OutcomeEvent[] more) =>
    [
        Ev.Make("closed", "ticket.closed", ClosedAt, new { ticket_id = "T-1042", resolution = "solved", channel = "email" }, "support-bot", "3.1") with
        {
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            SpanId = "00f067aa0ba902b7",
        },
        .. more,
    ];

    public static EvidenceBundle Build(CompiledDefinition definition, string source, IReadOnlyList<OutcomeEvent> events, DateTimeOffset now, IEnumerable<ReviewDecision>? reviews = null)
    {
        var fold = OutcomeFold.Restore(definition, events, reviews);
        var state = fold.Evaluate(now);
        // Ingest received each event a second after its timestamp; evidence records it.
        var evidence = events.Select(e => EvidenceEvent.From(e, e.Timestamp.AddSeconds(1)));
        return EvidenceBuilder.Build("acme", definition, 3, source, 7, state, evidence);
    }

    public static EvidenceBundle TicketBundle(IReadOnlyList<OutcomeEvent> events, DateTimeOffset now) =>
        Build(Ticket, Examples.Text("ticket_resolved"), events, now);
}
