using System.Diagnostics;
using Witn.Benchmarks.Ingest;

namespace Witn.Benchmarks.Log;

/// <summary>
/// PostgreSQL's own limits on this machine, measured in the same run as the scenario that is compared with them, on
/// a fresh embedded cluster provisioned like the silo's (fsync on, synchronous_commit on): the rate of raw 500-row
/// INSERTs into a copy of the events table, and the latency of a single-row INSERT and its commit sent at a given
/// request rate. These shared 2-core machines swing 2× from day to day; the ratio to these numbers does not.
/// </summary>
public sealed record RawPostgres(double InsertRowsPerSecond, int InsertClients, double CommitP50, double CommitP99, double CommitRate)
{
    private const int InsertRows = 100_000;
    private static readonly TimeSpan CommitWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan CommitWindow = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Measures both limits: the INSERT rate from <paramref name="insertClients"/> connections, then single-row commits
    /// paced open loop at <paramref name="commitRate"/> per second (latency from each one's due time).
    /// </summary>
    public static async Task<RawPostgres> MeasureAsync(TextWriter log, double commitRate, int insertClients = 8)
    {
        await using var db = await BenchmarkDatabase.StartAsync(log);
        var records = EventWorkload.Calls(InsertRows / 100, 100, seed: 1).SelectMany(c => c).ToArray();
        var rate = await PostgresBaselineScenario.MeasureAsync(db, records, insertClients, log);
        var (p50, p99) = await CommitLatencyAsync(db, records, commitRate);
        log.WriteLine($"raw single-row INSERT+commit at {commitRate:N0}/s: p50 {p50:F2} ms, p99 {p99:F2} ms");
        return new RawPostgres(rate, insertClients, p50, p99, commitRate);
    }

    /// <summary>The raw figures themselves, printed beside the scenario's so the ratio can be checked.</summary>
    public IEnumerable<BenchmarkResult> Results() =>
    [
        new($"raw PostgreSQL: 500-row INSERT, {InsertClients} connections, {InsertRows:N0} rows", InsertRowsPerSecond, "rows/s"),
        new($"raw PostgreSQL: single-row INSERT+commit at {CommitRate:N0}/s, p50", CommitP50, "ms"),
        new($"raw PostgreSQL: single-row INSERT+commit at {CommitRate:N0}/s, p99", CommitP99, "ms"),
    ];

    /// <summary>A durable rows-per-second figure as a percentage of the raw INSERT rate.</summary>
    public BenchmarkResult ThroughputRatio(string label, double perSecond) =>
        new($"{label} (ratio to raw INSERT rows/s)", 100 * perSecond / InsertRowsPerSecond, "%");

    /// <summary>A p99 latency as a multiple of the raw single-row commit p99 at the same request rate.</summary>
    public BenchmarkResult LatencyRatio(string label, double p99) =>
        new($"{label} p99 (ratio to raw single-row commit p99)", p99 / CommitP99, "×");

    private static async Task<(double P50, double P99)> CommitLatencyAsync(BenchmarkDatabase db, Storage.Log.LogRecord[] records, double rate)
    {
        await BaselineInserts.ResetAsync(db);
        var warm = (int)(rate * CommitWarmUp.TotalSeconds);
        var count = warm + (int)(rate * CommitWindow.TotalSeconds);
        var latencies = new double[count];
        var inflight = new Task[count];
        var interval = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);

        async Task SendAsync(int i, long due)
        {
            await BaselineInserts.InsertOneAsync(db, records[i % records.Length], i + 1);
            latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }

        // The same open-loop pacing as the ingest-latency scenario: a late answer counts from when it was due.
        var pacer = new Thread(() =>
        {
            PreciseSleep.TightenTimerSlack();
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * interval);
                PreciseSleep.Until(due);
                inflight[i] = SendAsync(i, due);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "raw-commit-pacer" };
        pacer.Start();
        await Task.Run(pacer.Join);
        await Task.WhenAll(inflight);
        var p = Percentiles.Of(latencies[warm..], 50, 99);
        return (p[0], p[1]);
    }
}
