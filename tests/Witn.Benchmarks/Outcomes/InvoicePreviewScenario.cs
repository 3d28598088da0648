using System.Diagnostics;
using System.Globalization;
using System.Text;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Log;
using Witn.Domain.Contracts;
using Witn.Storage.Ledger;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// A tenant with 1,000,000 charges in its open period (the <c>acme</c> contract: flat, <c>by</c>, graduated and
/// volume prices, a cap and a minimum): the draft invoice is read over HTTP again and again (p50/p99), then the
/// period is finalized (seconds) and the final invoice read. The charges go through the ledger's own writer
/// (<see cref="LedgerStore.CommitChargesAsync"/>: charge, outbox row and running totals per transaction), as the
/// ledger grain would write them, without waiting for a million outcomes to settle first.
/// </summary>
public sealed class InvoicePreviewScenario : IScenario
{
    private const string Tenant = "invoice-preview";
    private const int Batch = 2_000;
    private const int Reads = 1000;
    private const int Warmup = 100;
    private static readonly DateTimeOffset PeriodStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Outcomes = ["ticket_resolved", "meeting_booked", "password_reset_completed", "code_change_merged"];

    public string Name => "invoice-preview";

    private const int RawRate = 200;

    public string Description => "1,000,000 charges in one open period: draft invoice read p50/p99 over HTTP, finalization seconds (--size charges)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var charges = RunOptions.SizeOr(1_000_000);

        // The raw limits first, on a fresh cluster before the silo's exists: measured after a million-row fill, they
        // caught that cluster's checkpoint (p99 of seconds). Draft reads run one at a time at about 200/s here.
        var raw = await RawPostgres.MeasureAsync(log, RawRate);
        await using var silo = await SiloUnderTest.StartAsync(log);
        using var admin = silo.Client(2);
        admin.Timeout = TimeSpan.FromMinutes(5);
        var tenantBody = $$"""{"name": "Invoice preview", "sandbox": true, "clock_start": "2026-11-01T00:00:00Z", "finalize_grace": "0s"}""";
        await OutcomeSetup.SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{Tenant}", new StringContent(tenantBody, Encoding.UTF8, "application/json"));
        await OutcomeSetup.PutContractAsync(admin, Tenant, "acme");
        await using var db = silo.OpenDatabase(8);

        var filled = Stopwatch.StartNew();
        await FillAsync(db, charges, log);
        var fillSeconds = filled.Elapsed.TotalSeconds;
        log.WriteLine($"{charges:N0} charges committed through the ledger writer in {fillSeconds:F1} s");

        // A month of charges arrives over a month, with autovacuum keeping up; a million in 20 s leaves it behind.
        // Vacuum once, so the reads below measure the steady state rather than a catching-up autovacuum.
        await using (var vacuum = db.CreateCommand("VACUUM (ANALYZE) charges, invoice_rollups, invoice_periods, ledger_outbox"))
        {
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
        }

        var path = $"/v1/tenants/{Tenant}/invoices/2026-11-01";
        var draft = await ReadAsync(admin, path, 20);
        log.WriteLine($"draft: {draft[..Math.Min(draft.Length, 600)]}");
        for (var i = 0; i < Warmup; i++)
        {
            await ReadAsync(admin, path, 1);
        }

        var latencies = new double[Reads];
        var readsStarted = Stopwatch.GetTimestamp();
        for (var i = 0; i < Reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ReadAsync(admin, path, 1);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var readRate = Reads / Stopwatch.GetElapsedTime(readsStarted).TotalSeconds;
        var readP = Percentiles.Of(latencies, 50, 99, 100);
        log.WriteLine($"draft read over {Reads} requests: p50 {readP[0]:F2} ms, p99 {readP[1]:F2} ms, max {readP[2]:F2} ms");

        await OutcomeSetup.SendAsync(admin, HttpMethod.Post, $"/v1/tenants/{Tenant}/clock/advance",
            new StringContent("""{"to": "2026-12-01T00:00:00Z"}""", Encoding.UTF8, "application/json"));
        var finalizeStarted = Stopwatch.GetTimestamp();
        using var finalize = await admin.PostAsync($"{path}/finalize", null);
        var finalizeSeconds = Stopwatch.GetElapsedTime(finalizeStarted).TotalSeconds;
        var finalText = await finalize.Content.ReadAsStringAsync();
        log.WriteLine($"finalize answered {(int)finalize.StatusCode} after {finalizeSeconds:F2} s: {finalText[..Math.Min(finalText.Length, 300)]}");

        for (var i = 0; i < Warmup; i++)
        {
            await ReadAsync(admin, path, 1);
        }

        var finalLatencies = new double[Reads];
        for (var i = 0; i < Reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ReadAsync(admin, path, 1);
            finalLatencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var finalP = Percentiles.Of(finalLatencies, 50, 99);
        var same = await ReadAsync(admin, path, 1) == finalText;
        log.WriteLine($"final read: p50 {finalP[0]:F2} ms, p99 {finalP[1]:F2} ms; bytes equal to the finalize answer: {same}");

        log.WriteLine($"draft reads ran at {readRate:N0}/s (raw commits were paced at {RawRate}/s)");
        var label = $"{charges:N0} charges in the period";
        return
        [
            .. raw.Results(),
            new($"{label}: charges committed through the ledger writer", charges / fillSeconds, "charges/s"),
            raw.ThroughputRatio($"{label}: charges committed through the ledger writer", charges / fillSeconds),
            new($"{label}: draft read p50", readP[0], "ms"),
            new($"{label}: draft read p99", readP[1], "ms"),
            raw.LatencyRatio($"{label}: draft read", readP[1]),
            new($"{label}: finalization", finalizeSeconds, "s"),
            new($"{label}: finalize HTTP status", (int)finalize.StatusCode, "code"),
            new($"{label}: final read p99", finalP[1], "ms"),
            new($"{label}: final read equals the finalized bytes", same ? 1 : 0, "bool"),
        ];
    }

    /// <summary>Commits the charges in concurrent batches, spread over the four outcomes and over November.</summary>
    private static async Task FillAsync(Npgsql.NpgsqlDataSource db, int charges, TextWriter log)
    {
        var store = new LedgerStore(db, TimeProvider.System);
        var billing = BillingPeriod.Default;
        var next = 0;
        var done = 0;
        async Task WorkerAsync()
        {
            while (true)
            {
                var from = Interlocked.Add(ref next, Batch) - Batch;
                if (from >= charges)
                {
                    return;
                }

                var batch = new List<NewCharge>(Batch);
                for (var i = from; i < Math.Min(from + Batch, charges); i++)
                {
                    var outcome = Outcomes[i % Outcomes.Length];
                    var settles = PeriodStart.AddSeconds(i % (29 * 86_400));
                    var (unit, bucket, dimensions) = outcome switch
                    {
                        "ticket_resolved" => ((decimal?)2.00m, (string?)null, "{}"),
                        "meeting_booked" when i % 8 == 1 => (120.00m, "lead.segment=enterprise", """{"lead.segment": "enterprise"}"""),
                        "meeting_booked" => (40.00m, null, """{"lead.segment": "smb"}"""),
                        _ => (null, null, "{}"),
                    };
                    batch.Add(new NewCharge(
                        Tenant, outcome, 1, $"C-{i}", settles.AddHours(-72), settles, "bench-agent", "1.0", dimensions, null, 1, "USD",
                        unit, unit, """{"summary": "benchmark charge"}""", billing, bucket));
                }

                await store.CommitChargesAsync(batch);
                if (Interlocked.Add(ref done, batch.Count) % 100_000 < Batch)
                {
                    log.WriteLine($"  {done:N0} charges committed");
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(WorkerAsync)));
    }

    private static async Task<string> ReadAsync(HttpClient admin, string path, int attempts)
    {
        for (var i = 1; ; i++)
        {
            using var response = await admin.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return text;
            }

            if (i >= attempts)
            {
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
            }

            await Task.Delay(100);
        }
    }
}
