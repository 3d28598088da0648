using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Witn.Benchmarks.Log;

namespace Witn.Benchmarks.Ingest;

/// <summary>
/// <c>POST /v1/events</c> end to end: concurrent HTTP clients on loopback, each sending 100-event batches and waiting
/// for the 202 before the next, against the real silo in its own process on its own embedded PostgreSQL (fsync
/// on). Durable events/s counts only 202 responses in which all 100 results are <c>accepted</c>. The raw-INSERT
/// ceiling (<see cref="PostgresBaselineScenario"/>) is measured first in the same run, for the ratio.
/// </summary>
public sealed class IngestScenario : IScenario
{
    public const int EventsPerRequest = 100;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);
    private static readonly int[] ClientCounts = [16, 48];

    public string Name => "ingest";

    public string Description => "POST /v1/events over loopback HTTP, 100-event batches, concurrent clients, real silo process + embedded PostgreSQL: durable events/s";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var raw = await RawPostgres.MeasureAsync(log, commitRate: 500);
        var results = new List<BenchmarkResult>(raw.Results());

        await using var silo = await SiloUnderTest.StartAsync(log);
        var tenants = Enumerable.Range(0, 16).Select(i => $"bench-{i:D2}").ToArray();
        using (var admin = silo.Client(4))
        {
            foreach (var t in tenants)
            {
                await silo.CreateSandboxTenantAsync(admin, t, IngestBodies.ClockStart);
            }
        }

        var bodies = new IngestBodies(tenants, "ingest");
        foreach (var clients in ClientCounts)
        {
            using var http = silo.Client(clients);

            // Warm-up (JIT, connections, pools, grain activations); its rate sizes the measured set of bodies.
            var warm = bodies.Build(Math.Max(clients * 20, 2_000), EventsPerRequest);
            var warmRun = await LoadAsync(http, warm, clients, WarmUp, TimeSpan.Zero, silo, log);
            var needed = (int)Math.Min(40_000, Math.Max(5_000, warmRun.EventsPerSecond * 2.5 * (Ramp + Window).TotalSeconds / EventsPerRequest));
            var measured = bodies.Build(needed, EventsPerRequest);
            GC.Collect();

            var run = await LoadAsync(http, measured, clients, Ramp + Window, Ramp, silo, log);
            var label = $"{clients} clients × {EventsPerRequest}-event requests";
            log.WriteLine($"{label}: {run.EventsPerSecond:N0} events/s ({run.RequestsPerSecond:N0} req/s) over {run.Seconds:F1} s, p50 {run.P50:F1} ms, p99 {run.P99:F1} ms, "
                + $"{run.Failed} failed; {run.Cpu}");
            if (run.Failed > 0)
            {
                log.WriteLine($"  first failure: {run.FirstFailure}");
            }

            results.Add(new($"{label}: durable events/s", run.EventsPerSecond, "events/s"));
            results.Add(raw.ThroughputRatio($"{label}: durable events/s", run.EventsPerSecond));
            results.Add(new($"{label}: requests/s", run.RequestsPerSecond, "req/s"));
            results.Add(new($"{label}: request latency p50", run.P50, "ms"));
            results.Add(new($"{label}: request latency p99", run.P99, "ms"));
            results.Add(new($"{label}: failed or not all accepted", run.Failed, "requests"));
            results.Add(new($"{label}: silo CPU", run.Cpu.Silo, "cores"));
            results.Add(new($"{label}: PostgreSQL CPU", run.Cpu.Postgres, "cores"));
            results.Add(new($"{label}: load generator CPU", run.Cpu.LoadGenerator, "cores"));
            results.Add(new($"{label}: other processes' CPU (noise)", run.Cpu.Other, "cores"));
        }

        return results;
    }

    /// <summary>
    /// Runs <paramref name="clients"/> closed-loop workers over <paramref name="bodies"/> for <paramref name="duration"/>
    /// (or until the bodies run out); requests completing before <paramref name="skip"/> are not counted.
    /// </summary>
    private static async Task<LoadRun> LoadAsync(HttpClient http, byte[][] bodies, int clients, TimeSpan duration, TimeSpan skip, SiloUnderTest silo, TextWriter log)
    {
        var started = Stopwatch.GetTimestamp();
        var from = started + (long)(skip.TotalSeconds * Stopwatch.Frequency);
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var next = -1;
        var latencies = new List<double>[clients];
        var accepted = new long[clients];
        var failed = new long[clients];
        var lastEnd = new long[clients];
        string? firstFailure = null;
        CpuSample? cpuFrom = skip == TimeSpan.Zero ? CpuSample.Take(silo) : null;
        var sampler = skip == TimeSpan.Zero ? Task.CompletedTask : Task.Run(async () =>
        {
            await Task.Delay(skip);
            cpuFrom = CpuSample.Take(silo);
        });

        await Task.WhenAll(Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            latencies[w] = new List<double>(bodies.Length / clients + 16);
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length && Stopwatch.GetTimestamp() < until)
            {
                var begin = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(bodies[i]) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                bool ok;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    ok = response.StatusCode == HttpStatusCode.Accepted && IngestBodies.CountAccepted(body) == EventsPerRequest;
                    if (!ok)
                    {
                        Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 400)]}", null);
                    }
                }
                catch (HttpRequestException e)
                {
                    ok = false;
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }

                var end = Stopwatch.GetTimestamp();
                if (end < from || end > until)
                {
                    continue;
                }

                lastEnd[w] = Math.Max(lastEnd[w], end);
                if (ok)
                {
                    accepted[w] += EventsPerRequest;
                    latencies[w].Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);
                }
                else
                {
                    failed[w]++;
                }
            }
        })));

        var cpuTo = CpuSample.Take(silo);
        await sampler;
        // The window closes at the deadline, or earlier when the pre-built bodies ran out.
        var windowEnd = Math.Min(until, lastEnd.Max());
        var seconds = Stopwatch.GetElapsedTime(from, windowEnd).TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        var p = Percentiles.Of(all, 50, 99);
        var cpu = CpuSample.Cores(cpuFrom!.Value, cpuTo);
        if (next >= bodies.Length && skip > TimeSpan.Zero)
        {
            log.WriteLine($"  (the {bodies.Length:N0} pre-built bodies ran out after {seconds:F1} s of the window)");
        }

        return new LoadRun(accepted.Sum() / seconds, all.Length / seconds, p[0], p[1], failed.Sum(), seconds, cpu, firstFailure);
    }

    private sealed record LoadRun(double EventsPerSecond, double RequestsPerSecond, double P50, double P99, long Failed, double Seconds,
        CpuCores Cpu, string? FirstFailure);
}
