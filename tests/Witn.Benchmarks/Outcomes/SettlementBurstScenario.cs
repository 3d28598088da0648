using System.Diagnostics;
using System.Globalization;
using System.Text;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Log;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// 100,000 outcomes due at one instant: one sandbox tenant (with the <c>acme</c> contract, so charges are priced)
/// receives 100,000 solved tickets over HTTP (<see cref="TicketBodies"/>); once every outcome row says
/// <c>qualified</c>, one <c>POST /v1/tenants/{t}/clock/advance</c> moves the clock past every settlement window
/// (72 h + 10 min grace). The advance returns after everything due has happened; the time counts until the
/// charges table holds every charge. Exactly once: the charges, and their distinct correlations, must both equal
/// the outcome count, and a second advance must add none.
/// </summary>
public sealed class SettlementBurstScenario : IScenario
{
    private const int Clients = 32;
    private const string Tenant = "burst";
    private const string WarmTenant = "burst-warm";
    private const int WarmOutcomes = 5_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public string Name => "settlement-burst";

    public string Description => "100,000 qualified outcomes due at one instant, one sandbox clock advance: seconds until all charged, exactly once (--size outcomes)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var outcomes = RunOptions.SizeOr(100_000);
        var raw = await RawPostgres.MeasureAsync(log, commitRate: 500);
        await using var silo = await SiloUnderTest.StartAsync(log);
        using var admin = silo.Client(4);
        admin.Timeout = Timeout;
        await OutcomeSetup.PutDefinitionAsync(admin, TicketBodies.Definition);
        await using var db = silo.OpenDatabase();

        // Warm-up: a small burst settled on another tenant first, so the measured one runs JIT-optimized code (tier 1)
        // and warm pools, as in a silo that has been running; the first burst in a fresh process pays the JIT on top.
        await BurstAsync(silo, admin, db, WarmTenant, WarmOutcomes, log);
        var (warmStatus, _) = await AdvanceAsync(admin, WarmTenant, IngestBodies.ClockStart.AddHours(73));
        log.WriteLine($"warm-up burst of {WarmOutcomes:N0} settled ({warmStatus})");

        await BurstAsync(silo, admin, db, Tenant, outcomes, log);

        var due = await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND next_due_at IS NOT NULL", Tenant);
        log.WriteLine($"{due:N0} outcomes have a due time; advancing the clock past every window");
        GC.Collect();

        var to = IngestBodies.ClockStart.AddHours(73);
        var cpuFrom = CpuSample.Take(silo);
        var started = Stopwatch.GetTimestamp();
        var (status, reply) = await AdvanceAsync(admin, Tenant, to);
        var answered = Stopwatch.GetTimestamp();
        log.WriteLine($"advance answered {status} after {Stopwatch.GetElapsedTime(started, answered).TotalSeconds:F1} s: {reply[..Math.Min(reply.Length, 300)]}");

        // The advance returns after everything due has happened; should it have failed (a timeout), keep watching.
        long charges;
        while ((charges = await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM charges WHERE tenant_id = $1", Tenant)) < outcomes
            && Stopwatch.GetElapsedTime(started) < Timeout)
        {
            await Task.Delay(100);
        }

        var allCharged = Stopwatch.GetTimestamp();
        var cpu = CpuSample.Cores(cpuFrom, CpuSample.Take(silo));
        var seconds = Stopwatch.GetElapsedTime(started, Math.Max(answered, allCharged)).TotalSeconds;
        var distinct = await OutcomeSetup.ScalarAsync(db, "SELECT count(DISTINCT (outcome, correlation)) FROM charges WHERE tenant_id = $1", Tenant);
        var priced = await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM charges WHERE tenant_id = $1 AND amount_minor = 200", Tenant);
        var settled = await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND status = 'settled' AND charge_id IS NOT NULL", Tenant);

        var (again, againReply) = await AdvanceAsync(admin, Tenant, to.AddHours(1));
        var after = await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM charges WHERE tenant_id = $1", Tenant);
        log.WriteLine($"{charges:N0} charges ({distinct:N0} distinct outcomes, {priced:N0} at 2.00 USD), {settled:N0} outcomes settled with their charge, in {seconds:F1} s "
            + $"({charges / seconds:N0} charges/s); second advance {again}: {againReply[..Math.Min(againReply.Length, 200)]}, charges then {after:N0}");
        log.WriteLine($"  {cpu}");

        var label = $"{outcomes:N0} outcomes due at once";
        return
        [
            .. raw.Results(),
            new($"{label}: all charged within", seconds, "s"),
            new($"{label}: clock advance answered after", Stopwatch.GetElapsedTime(started, answered).TotalSeconds, "s"),
            new($"{label}: advance HTTP status", status, "code"),
            new($"{label}: charge rate", charges / seconds, "charges/s"),
            raw.ThroughputRatio($"{label}: charge rate", charges / seconds),
            new($"{label}: charges", charges, "charges"),
            new($"{label}: distinct outcomes charged", distinct, "outcomes"),
            new($"{label}: charges priced by the contract (2.00 USD)", priced, "charges"),
            new($"{label}: outcomes settled with their charge", settled, "outcomes"),
            new($"{label}: charges added by a second advance", after - charges, "charges"),
            new($"{label}: silo CPU", cpu.Silo, "cores"),
            new($"{label}: PostgreSQL CPU", cpu.Postgres, "cores"),
            new($"{label}: other processes' CPU (noise)", cpu.Other, "cores"),
        ];
    }

    /// <summary>Creates <paramref name="tenant"/> with the acme contract and ingests <paramref name="outcomes"/> tickets until all are qualified.</summary>
    private static async Task BurstAsync(SiloUnderTest silo, HttpClient admin, Npgsql.NpgsqlDataSource db, string tenant, int outcomes, TextWriter log)
    {
        await silo.CreateSandboxTenantAsync(admin, tenant, IngestBodies.ClockStart);
        await OutcomeSetup.PutContractAsync(admin, tenant, "acme");
        var already = await OutcomeSetup.ScalarAsync(db, "SELECT count(*) FROM outcomes WHERE definition = $1 AND status = 'qualified'", TicketBodies.Definition);
        var bodies = TicketBodies.Build([tenant], tenant, outcomes, int.MaxValue);
        log.WriteLine($"ingesting {outcomes:N0} tickets ({bodies.Sum(b => b.Events):N0} events) for tenant {tenant}");
        using (var http = silo.Client(Clients))
        {
            var load = await TicketLoad.RunAsync(http, bodies, Clients);
            if (load.Failed > 0)
            {
                throw new InvalidOperationException($"{load.Failed} requests failed: {load.FirstFailure}");
            }

            var qualified = await OutcomeSetup.WaitForStatusAsync(db, TicketBodies.Definition, "qualified", already + outcomes, Timeout, TimeSpan.FromMilliseconds(250), log);
            log.WriteLine($"all {outcomes:N0} outcomes qualified after {Stopwatch.GetElapsedTime(load.Started, qualified).TotalSeconds:F1} s");
        }
    }

    private static async Task<(int Status, string Reply)> AdvanceAsync(HttpClient admin, string tenant, DateTimeOffset to)
    {
        var body = $$"""{"to": "{{to.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}}"}""";
        try
        {
            using var response = await admin.PostAsync($"/v1/tenants/{tenant}/clock/advance", new StringContent(body, Encoding.UTF8, "application/json"));
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (0, e.Message);
        }
    }
}
