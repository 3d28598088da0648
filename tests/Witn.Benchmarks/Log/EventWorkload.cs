using System.Security.Cryptography;
using System.Text;
using Witn.Storage.Log;

namespace Witn.Benchmarks.Log;

/// <summary>Realistic log records: 1,000 tenants, agent and trace ids, ~250 bytes of JSON properties, a SHA-256 content hash.</summary>
public static class EventWorkload
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Types = ["ticket.opened", "ticket.resolved", "ticket.reopened", "agent.action"];

    /// <summary><paramref name="calls"/> arrays of <paramref name="perCall"/> fresh records each (building them is not measured).</summary>
    public static LogRecord[][] Calls(int calls, int perCall, int seed)
    {
        var random = new Random(seed);
        var result = new LogRecord[calls][];
        for (var c = 0; c < calls; c++)
        {
            var call = new LogRecord[perCall];
            for (var i = 0; i < perCall; i++)
            {
                var n = (c * perCall) + i;
                var type = Types[random.Next(Types.Length)];
                var properties =
                    $$"""{"ticket_id": "T-{{random.Next(1_000_000)}}", "channel": "email", "priority": "p{{random.Next(4)}}", "customer": {"id": "C-{{random.Next(100_000)}}", "plan": "enterprise"}, "resolution": "solved", "csat": {{random.Next(1, 6)}}, "tags": ["billing", "refund", "vip"], "note": "agent closed after confirming the refund was issued"}""";
                var traceId = Convert.ToHexStringLower(RandomBytes(random, 16));
                call[i] = new LogRecord(
                    new Guid(RandomBytes(random, 16)),
                    $"tenant-{random.Next(1000):D4}",
                    type,
                    Start.AddMilliseconds(n),
                    null,
                    "support-bot",
                    "3.2.1",
                    traceId,
                    Convert.ToHexStringLower(RandomBytes(random, 8)),
                    null,
                    properties,
                    SHA256.HashData(Encoding.UTF8.GetBytes(type + properties)));
            }

            result[c] = call;
        }

        return result;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
