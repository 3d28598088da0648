using System.Globalization;
using System.Text;
using Witn.Benchmarks.Ingest;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// The ticket workload of the outcome benchmarks: every ticket has three events — <c>ticket.created</c>,
/// <c>agent.action</c>, <c>ticket.closed</c> with <c>resolution: solved</c> — so each one qualifies for
/// <c>ticket_resolved</c> (and settles 72 h 10 min after it closed). Tickets come in groups of
/// <see cref="TicketsPerGroup"/> per tenant and the stages are staggered, as tickets live in time: body <i>s</i> of a
/// tenant carries the creations of group <i>s</i>, the agent actions of group <i>s</i>−1 and the closings of group
/// <i>s</i>−2 (99 events), so every outcome receives its events in three separate deliveries and writes its state
/// up to three times. Timestamps lie 19–22 h before the sandbox clock (<see cref="IngestBodies.ClockStart"/>);
/// every event has its own idempotency key, so every result must be <c>accepted</c>.
/// </summary>
public static class TicketBodies
{
    public const int TicketsPerGroup = 33;
    public const int EventsPerTicket = 3;
    public const string Definition = "ticket_resolved";

    /// <summary>The correlation (ticket id) of ticket <paramref name="index"/> of group <paramref name="group"/>.</summary>
    public static string Ticket(string run, int group, int index) => $"T-{run}-{group:D6}-{index:D2}";

    /// <summary>
    /// Bodies for <paramref name="ticketsPerTenant"/> tickets on each tenant, tenants interleaved step by step;
    /// every <paramref name="sampleEvery"/>-th body that closes tickets names one of them as its sample.
    /// </summary>
    public static TicketBody[] Build(string[] tenants, string run, int ticketsPerTenant, int sampleEvery)
    {
        var groupsPerTenant = (ticketsPerTenant + TicketsPerGroup - 1) / TicketsPerGroup;
        var bodies = new List<TicketBody>((groupsPerTenant + 2) * tenants.Length);
        var json = new StringBuilder(TicketsPerGroup * EventsPerTicket * 320);
        for (var step = 0; step < groupsPerTenant + 2; step++)
        {
            foreach (var tenant in tenants)
            {
                json.Clear().Append("{\"events\":[");
                var events = 0;
                string? sample = null;
                for (var stage = 0; stage < EventsPerTicket; stage++)
                {
                    var group = step - stage;
                    if (group < 0 || group >= groupsPerTenant)
                    {
                        continue;
                    }

                    var inGroup = Math.Min(TicketsPerGroup, ticketsPerTenant - group * TicketsPerGroup);
                    for (var i = 0; i < inGroup; i++)
                    {
                        if (events++ > 0)
                        {
                            json.Append(',');
                        }

                        AppendEvent(json, tenant, run, group, i, stage);
                    }

                    if (stage == EventsPerTicket - 1 && bodies.Count % sampleEvery == 0)
                    {
                        sample = Ticket(run, group, bodies.Count / sampleEvery % inGroup);
                    }
                }

                json.Append("]}");
                bodies.Add(new TicketBody(Encoding.UTF8.GetBytes(json.ToString()), events, tenant, sample));
            }
        }

        return [.. bodies];
    }

    private static void AppendEvent(StringBuilder json, string tenant, string run, int group, int index, int stage)
    {
        var n = (long)group * TicketsPerGroup + index;
        var created = IngestBodies.ClockStart.AddHours(-22).AddMilliseconds(n % 10_000_000);
        var (type, at, extra) = stage switch
        {
            0 => ("ticket.created", created, ""),
            1 => ("agent.action", created.AddMinutes(1), ",\"action\":\"reply\""),
            _ => ("ticket.closed", created.AddMinutes(2), ",\"resolution\":\"solved\""),
        };
        var timestamp = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        json.Append(CultureInfo.InvariantCulture,
            $$"""{"tenant_id":"{{tenant}}","type":"{{type}}","timestamp":"{{timestamp}}","idempotency_key":"{{run}}-{{group}}-{{index}}-{{stage}}","agent":{"id":"support-bot","version":"3.2.1"},"properties":{"ticket_id":"{{Ticket(run, group, index)}}","channel":"email","priority":"p{{n % 4}}","customer":{"id":"C-{{n % 100_000}}","plan":"enterprise"}{{extra}}""").Append("}}");
    }
}
