using System.Diagnostics;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Log;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// HTTP ingest → durable log → tenant grains (batch stream delivery) → outcome grains (group-committed state), on
/// the real silo in its own process with its own embedded PostgreSQL (fsync on), over loopback. The ticket workload
/// (<see cref="TicketBodies"/>: three staggered events per ticket, <c>ticket_resolved</c>, 16 sandbox tenants) is
/// sent by closed-loop clients; the run is over when every ticket's outcome row in PostgreSQL says
/// <c>qualified</c>, so the rate counts events whose outcome state is durable, not just acked. Sampled tickets time
/// the lag from the ack of their closing event to their row showing <c>qualified</c>.
/// </summary>
public sealed class EndToEndScenario : IScenario
{
    private const int Clients = 32;
    private const int TenantCount = 16;
    private const int SampleEvery = 5;
    private static readonly TimeSpan DurableTimeout = TimeSpan.FromMinutes(15);

    public string Name => "end-to-end";

    public string Description => "HTTP ingest → log → tenant grain → outcome grains, 3-event tickets: events/s with outcome state durable, ack→qualified lag (--size tickets, default 300,000, after a 60,000-ticket warm-up)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var tickets = RunOptions.SizeOr(300_000);
        var perTenant = (tickets + TenantCount - 1) / TenantCount;
        // "Sustained" is after tiered compilation has settled: perf showed 7–10 % of the silo's CPU in the JIT during
        // a window that starts a few seconds after start-up. 60,000 tickets (180,000 events) of warm-up let it
        // settle; --quick keeps a tenth for a smoke run.
        var warmPerTenant = Math.Max(TicketBodies.TicketsPerGroup * 4, RunOptions.Quick ? perTenant / 10 : Math.Max(perTenant / 10, 60_000 / TenantCount));
        var tenants = Enumerable.Range(0, TenantCount).Select(i => $"e2e-{i:D2}").ToArray();

        var raw = await RawPostgres.MeasureAsync(log, commitRate: 500);
        await using var silo = await SiloUnderTest.StartAsync(log);
        using (var admin = silo.Client(4))
        {
            foreach (var t in tenants)
            {
                await silo.CreateSandboxTenantAsync(admin, t, IngestBodies.ClockStart);
            }

            await OutcomeSetup.PutDefinitionAsync(admin, TicketBodies.Definition);
        }

        await using var db = silo.OpenDatabase();
        using var http = silo.Client(Clients);

        // Warm-up: JIT, connections, pools; also proves the definition reached the silo's catalog.
        var warm = TicketBodies.Build(tenants, "warm", warmPerTenant, int.MaxValue);
        var warmTickets = (long)warmPerTenant * TenantCount;
        log.WriteLine($"warm-up: {warmTickets:N0} tickets ({warm.Sum(b => b.Events):N0} events)");
        var warmRun = await TicketLoad.RunAsync(http, warm, Clients);
        if (warmRun.Failed > 0)
        {
            throw new InvalidOperationException($"warm-up requests failed: {warmRun.FirstFailure}");
        }

        await OutcomeSetup.WaitForStatusAsync(db, TicketBodies.Definition, "qualified", warmTickets, DurableTimeout, TimeSpan.FromMilliseconds(250), log);

        var bodies = TicketBodies.Build(tenants, "run", perTenant, SampleEvery);
        var measuredTickets = (long)perTenant * TenantCount;
        var events = bodies.Sum(b => (long)b.Events);
        GC.Collect();
        log.WriteLine($"measured: {measuredTickets:N0} tickets, {events:N0} events in {bodies.Length:N0} requests, {Clients} clients");

        await using var sampler = new LagSampler(db, TicketBodies.Definition);
        var pgFrom = await PostgresCounters.TakeAsync(db);
        var cpuFrom = CpuSample.Take(silo);
        var run = await TicketLoad.RunAsync(http, bodies, Clients, (body, acked) =>
        {
            if (body.SampleTicket is { } ticket)
            {
                sampler.Add(body.Tenant, ticket, acked);
            }
        });
        var cpuAcked = CpuSample.Take(silo);
        var durable = await OutcomeSetup.WaitForStatusAsync(db, TicketBodies.Definition, "qualified", warmTickets + measuredTickets, DurableTimeout, TimeSpan.FromMilliseconds(100), log);
        var cpuTo = CpuSample.Take(silo);
        var pgTo = await PostgresCounters.TakeAsync(db);
        var (lags, missing) = await sampler.FinishAsync(TimeSpan.FromSeconds(30));

        var ackSeconds = Stopwatch.GetElapsedTime(run.Started, run.LastAck).TotalSeconds;
        var durableSeconds = Stopwatch.GetElapsedTime(run.Started, durable).TotalSeconds;
        var lag = Percentiles.Of(lags, 50, 99, 100);
        var latency = Percentiles.Of(run.RequestLatenciesMs, 50, 99);
        var cpu = CpuSample.Cores(cpuFrom, cpuTo);
        var cpuIngest = CpuSample.Cores(cpuFrom, cpuAcked);
        log.WriteLine($"acked {run.AcceptedEvents:N0} events in {ackSeconds:F1} s ({run.AcceptedEvents / ackSeconds:N0}/s); all {measuredTickets:N0} outcomes qualified and durable after {durableSeconds:F1} s "
            + $"({events / durableSeconds:N0} events/s); lag p50 {lag[0]:F0} ms, p99 {lag[1]:F0} ms, max {lag[2]:F0} ms over {lags.Length} samples ({missing} missing); {run.Failed} failed");
        log.WriteLine($"  while sending: {cpuIngest}");
        log.WriteLine($"  whole window:  {cpu}");
        if (run.Failed > 0)
        {
            log.WriteLine($"  first failure: {run.FirstFailure}");
        }

        // Costs per event, which a busy machine slows down but does not change: what a design change must lower.
        var cpuSeconds = Stopwatch.GetElapsedTime(cpuFrom.Timestamp, cpuTo.Timestamp).TotalSeconds;
        var perEvent = pgTo.PerEvent(pgFrom, events, "per event").ToList();
        perEvent.Insert(0, new("per event: PostgreSQL CPU", 1e6 * cpu.Postgres * cpuSeconds / events, "µs"));
        perEvent.Insert(0, new("per event: silo CPU", 1e6 * cpu.Silo * cpuSeconds / events, "µs"));
        foreach (var figure in perEvent)
        {
            log.WriteLine($"  {figure.Name}: {figure.Value:N2} {figure.Unit}");
        }

        var label = $"{measuredTickets:N0} tickets × 3 events, {TenantCount} tenants, {Clients} clients";
        return
        [
            .. raw.Results(),
            new($"{label}: events/s with outcome state durable", events / durableSeconds, "events/s"),
            raw.ThroughputRatio($"{label}: events/s with outcome state durable", events / durableSeconds),
            new($"{label}: events/s acked (ingest only)", run.AcceptedEvents / ackSeconds, "events/s"),
            new($"{label}: last outcome durable after last ack", durableSeconds - ackSeconds, "s"),
            new($"{label}: ack → qualified lag p50 ({lags.Length} sampled tickets)", lag[0], "ms"),
            new($"{label}: ack → qualified lag p99", lag[1], "ms"),
            new($"{label}: ack → qualified lag max", lag[2], "ms"),
            new($"{label}: sampled tickets never seen qualified", missing, "tickets"),
            new($"{label}: request latency p50", latency[0], "ms"),
            new($"{label}: request latency p99", latency[1], "ms"),
            new($"{label}: failed or not all accepted", run.Failed, "requests"),
            new($"{label}: silo CPU", cpu.Silo, "cores"),
            new($"{label}: PostgreSQL CPU", cpu.Postgres, "cores"),
            new($"{label}: other processes' CPU (noise)", cpu.Other, "cores"),
            .. perEvent,
        ];
    }
}
