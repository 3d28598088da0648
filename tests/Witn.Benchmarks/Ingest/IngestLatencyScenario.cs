using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Witn.Benchmarks.Log;

namespace Witn.Benchmarks.Ingest;

/// <summary>
/// Ack latency of single-event <c>POST /v1/events</c> at a fixed 500 requests/s, open loop: request i is due at
/// start + i × 2 ms and is sent then whether or not earlier ones have been answered; its latency runs from the due
/// time (not the actual send) to the 202, so a late sender or a queue in front of the silo counts against it.
/// Same setup as <see cref="IngestScenario"/>: the real silo process with its embedded PostgreSQL, fsync on.
/// </summary>
public sealed class IngestLatencyScenario : IScenario
{
    private const int Rate = 500;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    public string Name => "ingest-latency";

    public string Description => "POST /v1/events, one event per request at a fixed 500 req/s (open loop): ack latency p50/p99/p99.9";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var raw = await RawPostgres.MeasureAsync(log, Rate);
        await using var silo = await SiloUnderTest.StartAsync(log);
        using var http = silo.Client(256);
        await silo.CreateSandboxTenantAsync(http, "bench-latency", IngestBodies.ClockStart);
        var bodies = new IngestBodies(["bench-latency"], "latency");

        // Warm-up and measured window are one uninterrupted schedule: a pause between them lets the silo's threads
        // and connections go idle, and the first fraction of a second after it would measure waking up, not 500/s.
        var warmCount = (int)(Rate * WarmUp.TotalSeconds);
        var all = bodies.Build(warmCount + (int)(Rate * Window.TotalSeconds), 1);
        // CPU is sampled around the whole schedule (the rate is the same throughout): a sample taken mid-run walks
        // /proc and showed up as a burst of slow requests right after it.
        var cpuFrom = CpuSample.Take(silo);
        var paced = await PaceAsync(http, all);
        var cpu = CpuSample.Cores(cpuFrom, CpuSample.Take(silo));
        var warm = paced.Slice(0, warmCount);
        var run = paced.Slice(warmCount, all.Length - warmCount);
        log.WriteLine($"warm-up: {warm.Latencies.Length:N0} requests, p99 {Percentiles.Of(warm.Latencies.ToArray(), 99)[0]:F2} ms, {warm.Failed} failed");

        // Where the slow requests fall: a periodic stall shows up as clusters one period apart.
        var slow = Enumerable.Range(0, run.Latencies.Length).Where(i => run.Latencies[i] > 5).ToArray();
        log.WriteLine($"requests over 5 ms: {slow.Length:N0}, in {slow.Select(i => i / (Rate / 10)).Distinct().Count()} of {Window.TotalSeconds * 10:F0} 100-ms windows: "
            + string.Join(" ", slow.GroupBy(i => i / (Rate / 10)).Select(g => $"{g.Key / 10.0:F1}s×{g.Count()}")));
        var p = Percentiles.Of(run.Latencies.ToArray(), 50, 99, 99.9, 100);
        var late = Percentiles.Of(run.Lateness.ToArray(), 99)[0];
        log.WriteLine($"{Rate} req/s for {Window.TotalSeconds:F0} s: {run.Latencies.Length:N0} answered, {run.Failed} failed; ack latency p50 {p[0]:F2} ms, p99 {p[1]:F2} ms, "
            + $"p99.9 {p[2]:F2} ms, max {p[3]:F2} ms; sender lateness p99 {late:F2} ms; {cpu}");
        if (run.FirstFailure is not null)
        {
            log.WriteLine($"  first failure: {run.FirstFailure}");
        }

        return
        [
            .. raw.Results(),
            new($"1-event requests at {Rate}/s: ack latency p50", p[0], "ms"),
            new($"1-event requests at {Rate}/s: ack latency p99", p[1], "ms"),
            raw.LatencyRatio($"1-event requests at {Rate}/s: ack latency", p[1]),
            new($"1-event requests at {Rate}/s: ack latency p99.9", p[2], "ms"),
            new($"1-event requests at {Rate}/s: ack latency max", p[3], "ms"),
            new($"1-event requests at {Rate}/s: achieved rate", run.Latencies.Length / run.Seconds, "req/s"),
            new($"1-event requests at {Rate}/s: failed or not accepted", run.Failed, "requests"),
            new($"1-event requests at {Rate}/s: sender lateness p99 (included above)", late, "ms"),
            new($"1-event requests at {Rate}/s: silo CPU", cpu.Silo, "cores"),
            new($"1-event requests at {Rate}/s: PostgreSQL CPU", cpu.Postgres, "cores"),
            new($"1-event requests at {Rate}/s: other processes' CPU (noise)", cpu.Other, "cores"),
        ];
    }

    /// <summary>Sends bodies[i] at start + i / rate from a dedicated pacing thread; waits for every answer.</summary>
    private static async Task<PacedRun> PaceAsync(HttpClient http, byte[][] bodies)
    {
        var latencies = new double[bodies.Length];
        var lateness = new double[bodies.Length];
        var failedAt = new bool[bodies.Length];
        string? firstFailure = null;
        var inflight = new Task[bodies.Length];
        var interval = Stopwatch.Frequency / (double)Rate;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 100;

        async Task SendAsync(int i, long due)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(bodies[i]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Accepted || IngestBodies.CountAccepted(body) != 1)
                {
                    failedAt[i] = true;
                    Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}", null);
                }
            }
            catch (HttpRequestException e)
            {
                latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                failedAt[i] = true;
                Interlocked.CompareExchange(ref firstFailure, e.Message, null);
            }
        }

        // A dedicated thread keeps the schedule by sleeping until each due time (no spinning: on 2 cores a spinning
        // sender would steal the silo's CPU). Linux still wakes it up a little late; that lateness is measured and
        // counts in the latency. The pacer starts each send itself (writing the request is a few microseconds), so
        // no thread-pool hop sits between the due time and the request leaving; the answer is awaited on the pool.
        var pacer = new Thread(() =>
        {
            PreciseSleep.TightenTimerSlack();
            for (var i = 0; i < bodies.Length; i++)
            {
                var due = start + (long)(i * interval);
                PreciseSleep.Until(due);
                lateness[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                inflight[i] = SendAsync(i, due);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "pacer" };
        pacer.Start();
        await Task.Run(pacer.Join);
        await Task.WhenAll(inflight);
        return new PacedRun(latencies, lateness, failedAt, firstFailure);
    }

    /// <summary>One schedule's results; <see cref="Slice"/> cuts out a window of it (latencies stay in send order).</summary>
    private sealed record PacedRun(double[] Latencies, double[] Lateness, bool[] FailedAt, string? FirstFailure)
    {
        public int Failed => FailedAt.Count(f => f);

        public double Seconds => Latencies.Length / (double)Rate;

        public PacedRun Slice(int from, int count) =>
            new(Latencies[from..(from + count)], Lateness[from..(from + count)], FailedAt[from..(from + count)], FirstFailure);
    }
}
