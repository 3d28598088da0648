using System.Text.Json;
using Witn.Domain.Events;

namespace Witn.Benchmarks.Evaluator;

/// <summary>
/// Deterministic synthetic outcomes whose events all route to the definition (so every event is applied and
/// re-evaluates the outcome). Some outcomes are reopened / escalated / worked by two agents, to exercise
/// every branch rather than the happy path only.
/// </summary>
internal static class Workloads
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static OutcomeEvent[][] Tickets(int outcomes)
    {
        var result = new OutcomeEvent[outcomes][];
        for (var i = 0; i < outcomes; i++)
        {
            var id = $"T-{i}";
            var t = Start.AddSeconds(i);
            result[i] =
            [
                Make(i, 0, "ticket.closed", t, new { ticket_id = id, resolution = "pending", channel = "email" }, "support-bot"),
                Make(i, 1, "ticket.closed", t.AddMinutes(5), new { ticket_id = id, resolution = "pending", channel = "email" }, "support-bot"),
                Make(i, 2, "ticket.closed", t.AddMinutes(9), new { ticket_id = id, resolution = "solved", channel = "email" }, "support-bot"),
                Make(i, 3, "ticket.closed", t.AddMinutes(12), new { ticket_id = id, resolution = "solved", channel = "chat" }, "support-bot"),
                i % 5 == 0
                    ? Make(i, 4, "ticket.reopened", t.AddHours(20), new { ticket_id = id }, null)
                    : Make(i, 4, "ticket.closed", t.AddHours(20), new { ticket_id = id, resolution = "solved", channel = "chat" }, "support-bot"),
            ];
        }

        return result;
    }

    public static OutcomeEvent[][] ProcurementCases(int outcomes)
    {
        var result = new OutcomeEvent[outcomes][];
        for (var i = 0; i < outcomes; i++)
        {
            var id = $"C-{i}";
            var t = Start.AddSeconds(i);
            var second = i % 3 == 0 ? "enrich-bot" : "intake-bot";
            result[i] =
            [
                Make(i, 0, "case.opened", t, new { case_id = id, amount = 1200 }, "intake-bot"),
                Make(i, 1, "agent.action", t.AddMinutes(1), new { case_id = id, action = "classify" }, "intake-bot"),
                Make(i, 2, "record.enriched", t.AddMinutes(2), new { case_id = id, supplier = "acme" }, "enrich-bot"),
                Make(i, 3, "agent.action", t.AddMinutes(3), new { case_id = id, action = "enrich" }, second),
                Make(i, 4, "agent.action", t.AddMinutes(4), new { case_id = id, action = "route" }, "intake-bot"),
                Make(i, 5, "case.approved", t.AddMinutes(60), new { case_id = id, approver_type = i % 7 == 0 ? "agent" : "human" }, null),
                Make(i, 6, "agent.action", t.AddMinutes(61), new { case_id = id, action = "notify" }, "intake-bot"),
                i % 10 == 0
                    ? Make(i, 7, "case.escalated", t.AddMinutes(62), new { case_id = id }, null)
                    : Make(i, 7, "agent.action", t.AddMinutes(62), new { case_id = id, action = "log" }, "intake-bot"),
                Make(i, 8, "case.closed", t.AddMinutes(65), new { case_id = id }, "intake-bot"),
                Make(i, 9, "agent.action", t.AddMinutes(66), new { case_id = id, action = "archive" }, "intake-bot"),
            ];
        }

        return result;
    }

    /// <summary>The same events in a random (seeded) arrival order per outcome.</summary>
    public static OutcomeEvent[][] Shuffled(OutcomeEvent[][] outcomes, int seed)
    {
        var random = new Random(seed);
        return [.. outcomes.Select(events =>
        {
            var copy = events.ToArray();
            random.Shuffle(copy);
            return copy;
        })];
    }

    private static OutcomeEvent Make(int outcome, int n, string type, DateTimeOffset at, object properties, string? agent) =>
        new(
            new Guid(outcome, (short)n, 0, 0, 0, 0, 0, 0, 0, 0, 1),
            "bench",
            type,
            at,
            JsonSerializer.SerializeToElement(properties),
            $"{outcome}-{n}",
            agent is null ? null : new AgentRef(agent, "1.0"));
}
