using System.Globalization;
using System.Text;

namespace Witn.Benchmarks.Ingest;

/// <summary>
/// Pre-built <c>POST /v1/events</c> bodies (UTF-8 byte arrays, so the load generator only copies bytes): native
/// envelopes for sandbox tenants whose test clock is <see cref="ClockStart"/>, every event with its own
/// idempotency key, timestamps in the day before the clock, ~270 bytes of JSON per event.
/// </summary>
public sealed class IngestBodies
{
    public static readonly DateTimeOffset ClockStart = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types = ["ticket.opened", "ticket.closed", "ticket.reopened", "agent.action"];

    private readonly string[] _tenants;
    private readonly string _run;
    private long _next;

    /// <param name="tenants">Tenant ids; each body is for one tenant (an agent sends for its customer), round robin.</param>
    /// <param name="run">Prefix of every idempotency key, so that keys never repeat across sets.</param>
    public IngestBodies(string[] tenants, string run)
    {
        _tenants = tenants;
        _run = run;
    }

    /// <summary><paramref name="count"/> bodies of <paramref name="eventsPerBody"/> events; one event is sent as a bare object.</summary>
    public byte[][] Build(int count, int eventsPerBody)
    {
        var bodies = new byte[count][];
        var json = new StringBuilder(eventsPerBody * 300);
        for (var b = 0; b < count; b++)
        {
            json.Clear();
            var tenant = _tenants[(int)(_next / eventsPerBody % _tenants.Length)];
            if (eventsPerBody > 1)
            {
                json.Append("{\"events\":[");
            }

            for (var i = 0; i < eventsPerBody; i++)
            {
                var n = _next++;
                if (i > 0)
                {
                    json.Append(',');
                }

                var timestamp = ClockStart.AddMilliseconds(-(n % 86_400_000) - 1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
                json.Append(CultureInfo.InvariantCulture,
                    $$"""{"tenant_id":"{{tenant}}","type":"{{Types[n % Types.Length]}}","timestamp":"{{timestamp}}","idempotency_key":"{{_run}}-{{n}}","agent":{"id":"support-bot","version":"3.2.1"},"properties":{"ticket_id":"T-{{n / 4}}","channel":"email","priority":"p{{n % 4}}","customer":{"id":"C-{{n % 100_000}}","plan":"enterprise"},"resolution":"solved","csat":{{n % 5 + 1}}""").Append("}}");
            }

            if (eventsPerBody > 1)
            {
                json.Append("]}");
            }

            bodies[b] = Encoding.UTF8.GetBytes(json.ToString());
        }

        return bodies;
    }

    /// <summary>How many results in a 202 response body say <c>"accepted"</c> (the only status a fresh key can get).</summary>
    public static int CountAccepted(ReadOnlySpan<byte> response)
    {
        var count = 0;
        int at;
        while ((at = response.IndexOf("\"accepted\""u8)) >= 0)
        {
            count++;
            response = response[(at + 10)..];
        }

        return count;
    }
}
