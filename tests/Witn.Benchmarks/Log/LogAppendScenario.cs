using System.Diagnostics;
using Witn.Storage.Log;

namespace Witn.Benchmarks.Log;

/// <summary>
/// <see cref="EventLogWriter"/> throughput: concurrent callers each appending 100-event calls and waiting for the
/// durable ack before the next, as ingest requests do; compared with the raw-INSERT ceiling measured in the same run.
/// </summary>
public sealed class LogAppendScenario : IScenario
{
    private const int Rows = PostgresBaselineScenario.Rows;
    private const int PerCall = 100;

    public string Name => "log-append";

    public string Description => "EventLogWriter: durable rows/s with concurrent 100-event callers, and the ratio to raw 500-row INSERTs";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        await using var db = await BenchmarkDatabase.StartAsync(log);
        var calls = EventWorkload.Calls(Rows / PerCall, PerCall, seed: 1);
        var results = new List<BenchmarkResult>();
        var baseline = await PostgresBaselineScenario.MeasureAsync(db, [.. calls.SelectMany(c => c)], 8, log);
        results.Add(new($"baseline: raw 500-row INSERT, 8 connections, {Rows:N0} rows", baseline, "rows/s"));
        await db.ExecuteAsync("DROP TABLE events_baseline");

        foreach (var callers in new[] { 16, 64 })
        {
            var (rate, p50, p99) = await MeasureAsync(db, calls, callers, log);
            results.Add(new($"EventLogWriter, {callers} callers × {PerCall}-event calls", rate, "rows/s"));
            results.Add(new($"EventLogWriter, {callers} callers, ratio to baseline", 100 * rate / baseline, "%"));
            results.Add(new($"EventLogWriter, {callers} callers, call latency p50", p50, "ms"));
            results.Add(new($"EventLogWriter, {callers} callers, call latency p99", p99, "ms"));
        }

        return results;
    }

    private static async Task<(double Rate, double P50, double P99)> MeasureAsync(BenchmarkDatabase db, LogRecord[][] calls, int callers, TextWriter log)
    {
        await db.EmptyEventLogAsync();
        await using var writer = new EventLogWriter(db.DataSource, new EventLogOptions(), TimeProvider.System);
        await writer.InitializeAsync();
        await RunCallersAsync(writer, calls[..200], callers); // warm-up: JIT, connections, plans
        await db.EmptyEventLogAsync();
        await db.ExecuteAsync("CHECKPOINT");

        var watch = Stopwatch.StartNew();
        var latencies = await RunCallersAsync(writer, calls, callers);
        var rate = calls.Length * PerCall / watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        var p50 = latencies[latencies.Length / 2];
        var p99 = latencies[(int)(latencies.Length * 0.99)];
        log.WriteLine($"EventLogWriter, {callers} callers: {rate:N0} rows/s, call latency p50 {p50:F1} ms, p99 {p99:F1} ms");
        return (rate, p50, p99);
    }

    private static async Task<double[]> RunCallersAsync(EventLogWriter writer, LogRecord[][] calls, int callers)
    {
        var next = -1;
        var latencies = new double[calls.Length];
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls.Length)
            {
                var started = Stopwatch.GetTimestamp();
                var results = await writer.AppendAsync(calls[i]);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (results.Any(r => r.Status != AppendStatus.Accepted))
                {
                    throw new InvalidOperationException("fresh events must all be accepted");
                }
            }
        })));
        return latencies;
    }
}
