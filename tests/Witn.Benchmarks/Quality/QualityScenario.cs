using System.Diagnostics;
using System.Text;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Outcomes;
using Witn.Domain.Events;
using Witn.Storage.Outcomes;

namespace Witn.Benchmarks.Quality;

/// <summary>
/// A tenant with 1,000,000 outcomes over 90 days (four definitions, three versions of one agent, in every status,
/// a tenth written twice so the transition path runs too), written through the outcome store's own group-committed
/// upsert, which keeps the quality counters as it goes. Then the quality API is read over HTTP again and again:
/// by agent version per day over the 90 days (the largest answer), the whole tenant in one figure, and a version
/// comparison (p50/p99 each). The counters, not the outcomes, are what a read touches: their rows grow with days ×
/// definitions × agent versions, not with outcomes.
/// </summary>
public sealed class QualityScenario : IScenario
{
    private const string Tenant = "quality-bench";
    private const int Reads = 1000;
    private const int Warmup = 50;
    private const int Writers = 64;
    private const int Days = 90;
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly (string Name, TimeSpan Window)[] Definitions =
        [("ticket_resolved", TimeSpan.FromHours(72)), ("meeting_booked", TimeSpan.FromHours(24)), ("password_reset_completed", TimeSpan.FromHours(1)), ("code_change_merged", TimeSpan.FromDays(7))];

    private static readonly string[] Versions = ["3.1", "3.2", "3.3"];

    public string Name => "quality";

    public string Description => "1,000,000 outcomes' worth of quality counters over 90 days: quality API read p50/p99 over HTTP (--size outcomes)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var outcomes = RunOptions.SizeOr(1_000_000);
        await using var silo = await SiloUnderTest.StartAsync(log);
        using var admin = silo.Client(2);
        await OutcomeSetup.SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{Tenant}",
            new StringContent("""{"name": "Quality", "sandbox": true, "clock_start": "2026-12-01T00:00:00Z"}""", Encoding.UTF8, "application/json"));
        await using var db = silo.OpenDatabase(16);

        // The counters' cost on outcome writes: the same outcomes written without them (the upsert as it was) and
        // with them, alternating, each on a tenant of its own, before the big fill.
        var (plainSeconds, countedSeconds, compared) = (0.0, 0.0, 0L);
        for (var round = 0; round < 2; round++)
        {
            var n = Math.Max(1, outcomes / 20);
            await using (var plain = new PlainOutcomeWrites(db, new OutcomeStoreOptions()))
            {
                var started = Stopwatch.GetTimestamp();
                compared = await FillAsync(plain.WriteAsync, $"{Tenant}-plain-{round}", n);
                plainSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            }

            await using (var counted = new OutcomeStore(db))
            {
                var started = Stopwatch.GetTimestamp();
                await FillAsync(counted.WriteAsync, $"{Tenant}-counted-{round}", n);
                countedSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            }
        }

        var (plainRate, countedRate) = (2 * compared / plainSeconds, 2 * compared / countedSeconds);
        var overhead = ((plainRate / countedRate) - 1) * 100;
        log.WriteLine($"outcome writes without counters {plainRate:N0}/s, with {countedRate:N0}/s: {overhead:F1} % more time per write");

        var filled = Stopwatch.StartNew();
        long writes;
        await using (var store = new OutcomeStore(db))
        {
            writes = await FillAsync(store.WriteAsync, Tenant, outcomes);
        }

        var fillSeconds = filled.Elapsed.TotalSeconds;
        log.WriteLine($"{outcomes:N0} outcomes ({writes:N0} writes) through the outcome store in {fillSeconds:F1} s: {writes / fillSeconds:N0} writes/s");
        await using (var vacuum = db.CreateCommand("VACUUM (ANALYZE) quality_counters, quality_completion, quality_amounts"))
        {
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
        }

        var rows = await OutcomeSetup.ScalarAsync(db, "SELECT (SELECT count(*) FROM quality_counters) + (SELECT count(*) FROM quality_completion)");
        var opened = await OutcomeSetup.ScalarAsync(db, "SELECT sum(opened)::bigint FROM quality_counters WHERE tenant_id = $1", Tenant);
        log.WriteLine($"counter and histogram rows: {rows:N0}; outcomes counted as opened: {opened:N0}");

        var to = Start.AddDays(Days).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var shapes = new (string Label, string Path)[]
        {
            ("by agent_version per day, 90 days", $"/v1/tenants/{Tenant}/quality?from=2026-09-01T00:00:00Z&to={to}&by=agent_version&interval=day"),
            ("whole tenant, one figure", $"/v1/tenants/{Tenant}/quality"),
            ("compare 3.1 and 3.2", $"/v1/tenants/{Tenant}/quality/compare?agent=support-bot&versions=3.1,3.2"),
        };

        var label = $"{outcomes:N0} outcomes over {Days} days";
        var results = new List<BenchmarkResult>
        {
            new($"{label}: outcome writes with quality counters", writes / fillSeconds, "writes/s"),
            new("outcome writes without quality counters (same run)", plainRate, "writes/s"),
            new("outcome writes with quality counters (same run)", countedRate, "writes/s"),
            new("quality counter overhead on outcome writes", overhead, "%"),
            new($"{label}: counter and histogram rows", rows, "rows"),
            new($"{label}: outcomes counted", opened, "outcomes"),
        };
        foreach (var (shape, path) in shapes)
        {
            var sample = await ReadAsync(admin, path);
            log.WriteLine($"{shape}: {sample.Bytes:N0} bytes, p50 {sample.P50:F2} ms, p99 {sample.P99:F2} ms, max {sample.Max:F2} ms");
            results.Add(new($"{label}: quality read p50 ({shape})", sample.P50, "ms"));
            results.Add(new($"{label}: quality read p99 ({shape})", sample.P99, "ms"));
        }

        return results;
    }

    private static async Task<(double P50, double P99, double Max, int Bytes)> ReadAsync(HttpClient admin, string path)
    {
        var bytes = 0;
        for (var i = 0; i < Warmup; i++)
        {
            bytes = (await GetAsync(admin, path)).Length;
        }

        var latencies = new double[Reads];
        for (var i = 0; i < Reads; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(admin, path);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var p = Percentiles.Of(latencies, 50, 99, 100);
        return (p[0], p[1], p[2], bytes);
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
    }

    /// <summary>Writes the outcomes from many concurrent callers (as grains would), each outcome in its final status.</summary>
    private static async Task<long> FillAsync(Func<OutcomeRecord, Task> write, string tenant, int outcomes)
    {
        var next = -1;
        long writes = 0;
        async Task WorkerAsync()
        {
            while (Interlocked.Increment(ref next) is var i && i < outcomes)
            {
                var (definition, window) = Definitions[i % Definitions.Length];
                var agent = new AgentRef("support-bot", Versions[(i / 4) % Versions.Length]);
                var first = Start.AddSeconds((long)i * Days * 86_400 / outcomes);
                // Ten minutes to four hours to qualify, so completion times spread over a few histogram buckets.
                var qualified = first.AddSeconds(600 + (i * 7919L % 13_800));
                var status = (i % 100) switch
                {
                    < 70 => "settled",
                    < 78 => "voided",
                    < 88 => "expired",
                    < 90 => "rejected",
                    < 93 => "in_review",
                    < 95 => "reversed",
                    _ => "open",
                };
                var correlation = $"c-{i}";
                if (i % 10 == 0)
                {
                    await write(Record(tenant, definition, correlation, "open", first, null, null, agent));
                    Interlocked.Increment(ref writes);
                }

                var isQualified = status is not ("open" or "expired");
                await write(Record(tenant, definition, correlation, status, first, isQualified ? qualified : null, isQualified ? qualified + window : null, agent));
                Interlocked.Increment(ref writes);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WorkerAsync)));
        return writes;
    }

    private static OutcomeRecord Record(string tenant, string definition, string correlation, string status, DateTimeOffset first, DateTimeOffset? qualified, DateTimeOffset? settles, AgentRef agent) =>
        new(new OutcomeSummary(tenant, definition, correlation, 1, status, first, qualified, settles, null, null, null, 2, first), """{"events":[]}""", agent);
}
