using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Witn.Benchmarks.Evaluator;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Outcomes;

namespace Witn.Benchmarks.Replay;

/// <summary>
/// Replay from the PostgreSQL log in a real silo: 1,000,000 tickets (3,000,000 events) of 16 sandbox tenants over
/// 90 days, 5 % voided and 5 % reversed after settlement, with the ledger those events made. The history is written
/// straight into the log, the clock advances and the ledger (as the engine would have, day by day), below the log
/// router's checkpoint so nothing routes it again. Then a parity replay (must hold) and a price-change simulation,
/// each timed from start to done, against the replay's own read done alone (PostgreSQL's sorted COPY and the parse) and the
/// single-core evaluator figure of the same run; the silo's peak memory is reported.
/// </summary>
public sealed class ReplayScenario : IScenario
{
    private const int Tenants = 16;
    private const int Days = 90;
    private const int LastDay = Days + 10;
    private const string Definition = "bench_ticket";
    private const long Past = 100_000_000;
    private static readonly DateTimeOffset ClockStart = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromHours(72);

    public string Name => "replay";

    public string Description => "replay from the log: 1,000,000 tickets (3,000,000 events, 16 tenants, reversals), parity and a price change in events/s (--size tickets)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var tickets = RunOptions.SizeOr(1_000_000);
        await using var silo = await SiloUnderTest.StartAsync(log);
        using var admin = silo.Client(4);
        await using var db = silo.OpenDatabase(8);
        var tenants = Enumerable.Range(1, Tenants).Select(i => $"replay-{i:D2}").ToArray();

        await OutcomeSetup.SendAsync(admin, HttpMethod.Put, $"/v1/outcomes/{Definition}", new StringContent(DefinitionYaml, Encoding.UTF8, "application/yaml"));
        foreach (var tenant in tenants)
        {
            await OutcomeSetup.SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{tenant}",
                new StringContent($$"""{"name":"{{tenant}}","sandbox":true,"clock_start":"{{Iso(ClockStart)}}"}""", Encoding.UTF8, "application/json"));
            await OutcomeSetup.SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{tenant}/contract", new StringContent(Contract(tenant, "2.00"), Encoding.UTF8, "application/yaml"));
        }

        var partitions = await RouteAboveAsync(db, admin, tenants, log);
        var t0 = DateTimeOffset.UtcNow.AddSeconds(1);
        var written = Stopwatch.StartNew();
        var (events, charges, credits) = await WriteHistoryAsync(db, tenants, partitions, tickets, t0);
        log.WriteLine($"history written in {written.Elapsed.TotalSeconds:F1} s: {events:N0} events, {charges:N0} charges, {credits:N0} reversal credits");
        await using (var analyze = db.CreateCommand("VACUUM (ANALYZE) events, charges, credits"))
        {
            analyze.CommandTimeout = 900;
            await analyze.ExecuteNonQueryAsync();
        }

        // Every recorded moment must be in the past when a replay starts (it stops at the moment it is asked).
        while (DateTimeOffset.UtcNow < Advance(t0, LastDay).AddSeconds(1))
        {
            await Task.Delay(50);
        }

        var raw = await ReadAloneAsync(db, tenants);
        log.WriteLine($"the replay's read alone (sorted binary COPY, events parsed, one connection): {raw:N0} events/s");

        var parity = await SimulateAsync(admin, $$"""{"name":"parity"}""", log);
        var holds = parity.Json.GetProperty("parity").GetProperty("holds").GetBoolean();
        var mismatches = parity.Json.GetProperty("parity").GetProperty("mismatches").GetInt64();
        var candidates = string.Join(',', tenants.Select(t => $"\"{t}\":{JsonSerializer.Serialize(Contract(t, "2.50"))}"));
        var price = await SimulateAsync(admin, $$$"""{"name":"ticket at 2.50","contracts":{{{{candidates}}}}}""", log);
        var flips = price.Json.GetProperty("summary").GetProperty("flips").GetInt64();
        var peak = silo.PeakWorkingSetBytes() / (1024.0 * 1024.0);
        log.WriteLine($"parity holds: {holds} ({mismatches} mismatches); price change: {flips:N0} flips; silo peak working set {peak:N0} MiB");

        foreach (var line in silo.Output.Split('\n').Where(l => l.Contains("Replay of", StringComparison.Ordinal)).Take(40))
        {
            log.WriteLine(line);
        }

        var evaluator = new EvaluatorScenario().Run(log).First(r => r.Name.StartsWith("ticket_resolved", StringComparison.Ordinal) && r.Name.EndsWith("apply+evaluate, in order", StringComparison.Ordinal)).Value;
        var label = $"{tickets:N0} tickets ({events:N0} events, {Tenants} tenants)";
        return
        [
            new($"{label}: parity replay", parity.EventsPerSecond, "events/s"),
            new($"{label}: price-change simulation", price.EventsPerSecond, "events/s"),
            new($"{label}: parity holds", holds ? 1 : 0, "bool"),
            new($"{label}: parity mismatches", mismatches, "outcomes"),
            new($"{label}: price-change flips", flips, "outcomes"),
            new("the replay's read alone, one connection (same run)", raw, "events/s"),
            new("parity replay / its read alone", parity.EventsPerSecond / raw * 100, "%"),
            new("evaluator, one core (ticket_resolved, same run)", evaluator, "events/s"),
            new("parity replay / one-core evaluator", parity.EventsPerSecond / evaluator * 100, "%"),
            new("silo peak working set", peak, "MiB"),
        ];
    }

    private const string DefinitionYaml = """
        name: bench_ticket
        description: Benchmark ticket solved, not rated badly, not reopened for 72 hours
        correlate_by: ticket_id
        qualify:
          all:
            - seen: ticket.opened
            - seen: ticket.closed
              where:
                resolution: solved
            - not:
                seen: ticket.rated
                where:
                  score: { lt: 2 }
        reverse_on:
          any:
            - seen: ticket.reopened
              after: ticket.closed
        settlement:
          window: 72h
        expire_after: 30d
        """;

    private static string Contract(string tenant, string price) => $"""
        tenant: {tenant}
        currency: USD
        billing_period:
          every: month
          anchor_day: 1
          timezone: UTC
        prices:
          {Definition}:
            unit_price: {price}
        effective_from: 2026-01-01
        """;

    // The clock moves to day d at t0 + d × 10 ms; day d's events arrive 1 ms after the move to day d + 1.
    private static DateTimeOffset Advance(DateTimeOffset t0, int day) => t0.AddMilliseconds(day * 10);

    private static DateTimeOffset Day(int day) => ClockStart.AddDays(day);

    private static DateTimeOffset MonthOf(DateTimeOffset at) => new(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Moves each tenant's log partition far ahead and routes one marker event there, so the router's checkpoint
    /// passes every position the history is then written at: the history is in the log, never routed again.
    /// </summary>
    private static async Task<Dictionary<string, int>> RouteAboveAsync(NpgsqlDataSource db, HttpClient admin, string[] tenants, TextWriter log)
    {
        var count = (int)await OutcomeSetup.ScalarAsync(db, "SELECT partition_count FROM log_settings");
        var partitions = tenants.ToDictionary(t => t, t => Witn.Storage.Log.LogPartitions.Of(t, count));
        await using (var bump = db.CreateCommand("""
            INSERT INTO log_partitions (partition, next_position) SELECT p, $2 FROM unnest($1::integer[]) p
            ON CONFLICT (partition) DO UPDATE SET next_position = greatest(log_partitions.next_position, $2)
            """))
        {
            bump.Parameters.AddWithValue(partitions.Values.Distinct().ToArray());
            bump.Parameters.AddWithValue(Past);
            await bump.ExecuteNonQueryAsync();
        }

        var markers = string.Join(',', tenants.Select(t => $$$"""{"tenant_id":"{{{t}}}","type":"bench.marker","timestamp":"{{{Iso(ClockStart)}}}","idempotency_key":"marker","properties":{}}"""));
        await OutcomeSetup.SendAsync(admin, HttpMethod.Post, "/v1/events", new StringContent($$"""{"events":[{{markers}}]}""", Encoding.UTF8, "application/json"));
        var deadline = Stopwatch.StartNew();
        while (await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM log_checkpoints WHERE consumer = 'tenant-router' AND partition = ANY($1) AND position >= $2",
            partitions.Values.Distinct().ToArray(), Past) < partitions.Values.Distinct().Count())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new InvalidOperationException("the log router did not pass the markers within 120 s");
            }

            await Task.Delay(100);
        }

        log.WriteLine($"router checkpoint past position {Past:N0} on {partitions.Values.Distinct().Count()} partitions");
        return partitions;
    }

    /// <summary>
    /// The tickets' events, the tenants' clock advances, and the ledger the engine makes from them (by the rules it
    /// follows: a charge when the advance passes the 72 h window, priced 2.00 by contract version 1 on the period of its
    /// settlement; a reversal's credit when the reopening arrives, on the period of the clock then), with the invoice
    /// rollups kept alongside, written with binary COPY.
    /// </summary>
    private static async Task<(long Events, long Charges, long Credits)> WriteHistoryAsync(
        NpgsqlDataSource db, string[] tenants, Dictionary<string, int> partitions, int tickets, DateTimeOffset t0)
    {
        var positions = partitions.Values.Distinct().ToDictionary(p => p, _ => 0L);
        var hash = new byte[32];
        long events = 0, charges = 0, credits = 0;
        await using var conn = await db.OpenConnectionAsync();
        await using (var copy = await conn.BeginBinaryImportAsync(
            "COPY events (partition, position, tenant_id, event_id, type, occurred_at, idempotency_key, properties, content_hash, received_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < tickets; n++)
            {
                var tenant = tenants[n % Tenants];
                var day = n * Days / tickets;
                var opened = Day(day).AddHours(8).AddSeconds(n % 28_800);
                var id = $"T-{n:D7}";
                var arrives = Advance(t0, day + 1).AddMilliseconds(1);
                var third = n % 20 == 0 ? ("ticket.reopened", opened.AddHours(24), "{}")
                    : n % 20 == 1 ? ("ticket.reopened", opened.AddDays(5), "{}")
                    : ("ticket.rated", opened.AddHours(2), ""","score":4""");
                foreach (var (type, at, extra) in new[] { ("ticket.opened", opened, ""), ("ticket.closed", opened.AddHours(1), ""","resolution":"solved" """), third })
                {
                    var partition = partitions[tenant];
                    var position = ++positions[partition];
                    var eventDay = (int)(at - ClockStart).TotalDays;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(partition, NpgsqlDbType.Integer);
                    await copy.WriteAsync(position, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(tenant, NpgsqlDbType.Text);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(type, NpgsqlDbType.Text);
                    await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync($"{id}-{type}", NpgsqlDbType.Text);
                    await copy.WriteAsync($$"""{"ticket_id":"{{id}}"{{(extra == "{}" ? "" : extra.TrimEnd())}}}""", NpgsqlDbType.Jsonb);
                    await copy.WriteAsync(hash, NpgsqlDbType.Bytea);
                    await copy.WriteAsync(eventDay == day ? arrives : Advance(t0, eventDay + 1).AddMilliseconds(1), NpgsqlDbType.TimestampTz);
                    events++;
                }
            }

            await copy.CompleteAsync();
        }

        await using (var advances = await conn.BeginBinaryImportAsync("COPY tenant_clock_advances (tenant_id, advanced_at, clock_now) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var tenant in tenants)
            {
                for (var d = 1; d <= LastDay; d++)
                {
                    await advances.StartRowAsync();
                    await advances.WriteAsync(tenant, NpgsqlDbType.Text);
                    await advances.WriteAsync(Advance(t0, d), NpgsqlDbType.TimestampTz);
                    await advances.WriteAsync(Day(d), NpgsqlDbType.TimestampTz);
                }
            }

            await advances.CompleteAsync();
        }

        await using (var chargesCopy = await conn.BeginBinaryImportAsync("""
            COPY charges (id, tenant_id, outcome, definition_version, correlation, qualified_at, settles_at, committed_at, dimensions, contract_version,
                          currency, unit_price, amount_minor, evidence, invoice_period, price_bucket, sequence) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var n = 0; n < tickets; n++)
            {
                if (n % 20 == 0)
                {
                    continue;
                }

                var day = n * Days / tickets;
                var qualified = Day(day).AddHours(9).AddSeconds(n % 28_800);
                var settles = qualified + Window;
                await chargesCopy.StartRowAsync();
                await chargesCopy.WriteAsync(ChargeId(n), NpgsqlDbType.Uuid);
                await chargesCopy.WriteAsync(tenants[n % Tenants], NpgsqlDbType.Text);
                await chargesCopy.WriteAsync(Definition, NpgsqlDbType.Text);
                await chargesCopy.WriteAsync(1, NpgsqlDbType.Integer);
                await chargesCopy.WriteAsync($"T-{n:D7}", NpgsqlDbType.Text);
                await chargesCopy.WriteAsync(qualified, NpgsqlDbType.TimestampTz);
                await chargesCopy.WriteAsync(settles, NpgsqlDbType.TimestampTz);
                await chargesCopy.WriteAsync(Advance(t0, (int)Math.Ceiling((settles - ClockStart).TotalDays)), NpgsqlDbType.TimestampTz);
                await chargesCopy.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await chargesCopy.WriteAsync(1, NpgsqlDbType.Integer);
                await chargesCopy.WriteAsync("USD", NpgsqlDbType.Char);
                await chargesCopy.WriteAsync(2.00m, NpgsqlDbType.Numeric);
                await chargesCopy.WriteAsync(200L, NpgsqlDbType.Bigint);
                await chargesCopy.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await chargesCopy.WriteAsync(MonthOf(settles), NpgsqlDbType.TimestampTz);
                await chargesCopy.WriteAsync("", NpgsqlDbType.Text);
                await chargesCopy.WriteAsync(1, NpgsqlDbType.Integer);
                charges++;
            }

            await chargesCopy.CompleteAsync();
        }

        // The credits' trigger takes a lock per charge it checks: a few thousand per transaction keep the lock table small.
        var reversed = Enumerable.Range(0, tickets).Where(n => n % 20 == 1).ToList();
        foreach (var chunk in reversed.Chunk(2000))
        {
            await using var creditsCopy = await conn.BeginBinaryImportAsync(
                "COPY credits (id, charge_id, tenant_id, reason, created_at, amount_minor, evidence, effective_at, invoice_period) FROM STDIN (FORMAT BINARY)");
            foreach (var n in chunk)
            {
                var day = n * Days / tickets;
                var reopened = Day(day).AddHours(8).AddSeconds(n % 28_800).AddDays(5);
                var effective = Day((int)(reopened - ClockStart).TotalDays + 1);
                await creditsCopy.StartRowAsync();
                await creditsCopy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await creditsCopy.WriteAsync(ChargeId(n), NpgsqlDbType.Uuid);
                await creditsCopy.WriteAsync(tenants[n % Tenants], NpgsqlDbType.Text);
                await creditsCopy.WriteAsync("reversed: the ticket was reopened", NpgsqlDbType.Text);
                await creditsCopy.WriteAsync(effective, NpgsqlDbType.TimestampTz);
                await creditsCopy.WriteAsync(200L, NpgsqlDbType.Bigint);
                await creditsCopy.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await creditsCopy.WriteAsync(effective, NpgsqlDbType.TimestampTz);
                await creditsCopy.WriteAsync(MonthOf(effective), NpgsqlDbType.TimestampTz);
                credits++;
            }

            await creditsCopy.CompleteAsync();
        }

        // The invoice rollups and the clocks as the engine keeps them.
        await using (var batch = new NpgsqlBatch(conn)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO invoice_rollups (tenant_id, period_start, outcome, contract_version, price_bucket, unit_price, quantity, value_sum)
                    SELECT tenant_id, invoice_period, outcome, contract_version, price_bucket, 2.00, count(*), 0 FROM charges WHERE outcome = 'bench_ticket'
                    GROUP BY tenant_id, invoice_period, outcome, contract_version, price_bucket
                    """),
                new("""
                    INSERT INTO invoice_credit_rollups (tenant_id, period_start, outcome, quantity, amount_minor)
                    SELECT cr.tenant_id, cr.invoice_period, 'bench_ticket', count(*), sum(cr.amount_minor) FROM credits cr
                    JOIN charges ch ON ch.id = cr.charge_id WHERE ch.outcome = 'bench_ticket' GROUP BY cr.tenant_id, cr.invoice_period
                    """),
                new("""
                    INSERT INTO invoice_periods (tenant_id, period_start, period_end)
                    SELECT DISTINCT tenant_id, invoice_period, invoice_period + interval '1 month' FROM charges WHERE outcome = 'bench_ticket'
                    ON CONFLICT DO NOTHING
                    """),
                new($"UPDATE tenants SET clock_now = '{Iso(Day(LastDay))}' WHERE id LIKE 'replay-%'"),
            },
        })
        {
            batch.Timeout = 900;
            await batch.ExecuteNonQueryAsync();
        }

        return (events, charges, credits);
    }

    private static Guid ChargeId(int n) => new(n, 0x6265, 0x6e63, [0x68, 0, 0, 0, 0, 0, 0, 1]);

    /// <summary>
    /// The replay's own read (<see cref="Witn.Storage.Replay.ReplayStore.ReadOutcomeEventsAsync"/>: the sorted binary COPY,
    /// each event parsed) of every tenant, one after the other on one connection, the events discarded: what reading
    /// alone gives, the ceiling of a replay on the same machine.
    /// </summary>
    private static async Task<double> ReadAloneAsync(NpgsqlDataSource db, string[] tenants)
    {
        var store = new Witn.Storage.Replay.ReplayStore(db);
        var watch = Stopwatch.StartNew();
        long rows = 0;
        foreach (var tenant in tenants)
        {
            await foreach (var e in store.ReadOutcomeEventsAsync(tenant, ["ticket.opened", "ticket.closed", "ticket.rated", "ticket.reopened"], "ticket_id", 0, 1))
            {
                rows += e.Type.Length > 0 ? 1 : 0;
            }
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(JsonElement Json, double EventsPerSecond)> SimulateAsync(HttpClient admin, string body, TextWriter log)
    {
        var started = JsonDocument.Parse(await OutcomeSetup.SendAsync(admin, HttpMethod.Post, "/v1/simulations", new StringContent(body, Encoding.UTF8, "application/json"))).RootElement;
        var id = started.GetProperty("id").GetString();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await admin.GetAsync($"/v1/simulations/{id}");
            var s = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            var status = s.GetProperty("status").GetString();
            if (status == "done")
            {
                var seconds = (s.GetProperty("finished_at").GetDateTimeOffset() - s.GetProperty("started_at").GetDateTimeOffset()).TotalSeconds;
                var read = s.GetProperty("progress").GetProperty("events_read").GetInt64();
                log.WriteLine($"simulation {s.GetProperty("name").GetString()}: {read:N0} events in {seconds:F1} s ({read / seconds:N0} events/s)");
                return (s, read / seconds);
            }

            if (status is "failed" or "cancelled" || deadline.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new InvalidOperationException($"simulation {id}: {s}");
            }

            await Task.Delay(200);
        }
    }
}
