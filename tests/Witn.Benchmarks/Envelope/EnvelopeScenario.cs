using System.Globalization;
using System.Text;
using Witn.Domain.Ingestion;

namespace Witn.Benchmarks.Envelope;

/// <summary>
/// The domain half of <c>POST /v1/events</c> on one core: parse a 100-event request body (one pass), then
/// validate and identify each event (id + content hash), as the ingest endpoint does before the log append.
/// Building the bodies is not measured.
/// </summary>
public sealed class EnvelopeScenario : IScenario
{
    private const int Requests = 2_000;
    private const int EventsPerRequest = 100;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Types = ["ticket.opened", "ticket.closed", "ticket.reopened", "agent.action"];

    public string Name => "envelope";

    public string Description => "ingest envelope: events parsed + validated + identified per second on one core (100-event requests)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log)
    {
        SingleCore.Pin(log);
        var results = new List<BenchmarkResult>();
        var tenant = new TenantContext(Now, TimeSpan.FromDays(35), true, "acme");
        Measure(log, results, "native, idempotency keys", Bodies(Native, withKey: true), EnvelopeFormat.Native, tenant);
        Measure(log, results, "native, natural keys", Bodies(Native, withKey: false), EnvelopeFormat.Native, tenant);
        Measure(log, results, "cloudevents batch", Bodies(Cloud, withKey: true), EnvelopeFormat.CloudEventBatch, tenant);
        return results;
    }

    private static void Measure(TextWriter log, List<BenchmarkResult> results, string name, byte[][] bodies, EnvelopeFormat format, TenantContext tenant)
    {
        var events = bodies.Length * EventsPerRequest;
        var accepted = Run(bodies, format, tenant);
        if (accepted != events)
        {
            throw new InvalidOperationException($"{name}: only {accepted} of {events} events were accepted");
        }

        log.WriteLine($"{name}: {bodies.Length:N0} requests × {EventsPerRequest} events, {bodies.Average(b => b.Length) / EventsPerRequest:N0} bytes/event, {SingleCore.Rounds} rounds");
        var (rate, bytes) = SingleCore.Time(() => Run(bodies, format, tenant), events);
        results.Add(new($"{name}: parse+validate+identify", rate, "events/s"));
        results.Add(new($"{name}: allocated", bytes, "bytes/event"));
    }

    private static long Run(byte[][] bodies, EnvelopeFormat format, TenantContext tenant)
    {
        long accepted = 0;
        foreach (var body in bodies)
        {
            var parsed = EnvelopeParser.Parse(body, format, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            foreach (var item in parsed.Items)
            {
                if (item.IsParsed && EventValidator.Validate(item.Event, tenant).IsValid)
                {
                    accepted++;
                }
            }
        }

        return accepted;
    }

    private static byte[][] Bodies(Func<int, bool, string> eventJson, bool withKey)
    {
        var bodies = new byte[Requests][];
        var n = 0;
        for (var r = 0; r < Requests; r++)
        {
            var events = new string[EventsPerRequest];
            for (var i = 0; i < EventsPerRequest; i++)
            {
                events[i] = eventJson(n++, withKey);
            }

            var json = eventJson == Native ? "{\"events\": [" + string.Join(",", events) + "]}" : "[" + string.Join(",", events) + "]";
            bodies[r] = Encoding.UTF8.GetBytes(json);
        }

        return bodies;
    }

    /// <summary>A realistic event: four to five properties in arrival (unsorted) order, an agent, a trace on every other one.</summary>
    private static string Native(int n, bool withKey)
    {
        var ticket = "T-" + (n / 4).ToString(CultureInfo.InvariantCulture);
        var time = Now.AddHours(-1).AddMilliseconds(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var key = withKey ? $"\"idempotency_key\": \"{ticket}-{n}\", " : string.Empty;
        var trace = n % 2 == 0 ? $", \"trace\": {{\"trace_id\": \"4bf92f3577b34da6a3ce929d0e0e{n % 10000:D4}\", \"span_id\": \"00f067aa0ba9{n % 10000:D4}\"}}" : string.Empty;
        return $"{{\"tenant_id\": \"acme\", \"type\": \"{Types[n % Types.Length]}\", \"timestamp\": \"{time}\", {key}" +
               $"\"agent\": {{\"id\": \"support-bot\", \"version\": \"3.1.0\"}}{trace}, " +
               $"\"properties\": {{\"ticket_id\": \"{ticket}\", \"resolution\": \"solved\", \"priority\": {n % 5}, \"amount\": {n % 1000}.50, \"customer\": {{\"id\": \"c-{n % 97}\", \"tier\": \"gold\"}}}}}}";
    }

    private static string Cloud(int n, bool withKey)
    {
        var ticket = "T-" + (n / 4).ToString(CultureInfo.InvariantCulture);
        var time = Now.AddHours(-1).AddMilliseconds(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return $"{{\"specversion\": \"1.0\", \"id\": \"{ticket}-{n}\", \"source\": \"/support-bot\", \"type\": \"{Types[n % Types.Length]}\", " +
               $"\"time\": \"{time}\", \"tenantid\": \"acme\", \"agentid\": \"support-bot\", \"datacontenttype\": \"application/json\", " +
               $"\"data\": {{\"ticket_id\": \"{ticket}\", \"resolution\": \"solved\", \"priority\": {n % 5}, \"amount\": {n % 1000}.50, \"customer\": {{\"id\": \"c-{n % 97}\", \"tier\": \"gold\"}}}}}}";
    }
}
