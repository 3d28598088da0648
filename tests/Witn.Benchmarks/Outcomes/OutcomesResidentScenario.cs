using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Witn.Abstractions.Outcomes;
using Witn.Benchmarks.Ingest;
using Witn.Benchmarks.Log;
using Witn.Domain.Events;
using Witn.Silo;
using Witn.Silo.Options;
using Witn.Silo.Startup;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// Memory per active outcome grain, and a million tracked outcomes in one silo. The real host (Orleans silo +
/// Kestrel, <see cref="SiloApp.Build"/>) runs in this process on an embedded PostgreSQL (fsync on), so the managed
/// heap measured (<see cref="GC.GetTotalMemory(bool)"/> after full blocking collections) is the silo's. After a
/// warm-up, N outcome grains of a sandbox tenant are activated through <see cref="IOutcomeGrain.ApplyAsync"/> with a
/// typical <c>ticket_resolved</c> state (created, closed pending, closed solved: two events kept, qualified, state
/// written to PostgreSQL before the call returns); the heap growth divided by N is the memory per active outcome. Then the
/// silo is filled up to the full size (default 1,000,000) and the resident activations, the heap and the rows in
/// the outcomes table are reported.
/// </summary>
public sealed class OutcomesResidentScenario : IScenario
{
    private const string Tenant = "resident";
    private const int InFlight = 1000;
    private const int PerGrainSample = 100_000;

    // ticket_resolved listens to ticket.closed (and handoffs, reopenings): of the three events sent, the outcome keeps two.
    private const int StoredEvents = 2;

    public string Name => "outcomes-resident";

    public string Description => "in-process silo: managed memory per active outcome grain (2-event ticket state) and 1,000,000 tracked outcomes (--size total)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log) => RunAsync(log).GetAwaiter().GetResult();

    private static async Task<IReadOnlyList<BenchmarkResult>> RunAsync(TextWriter log)
    {
        var total = RunOptions.SizeOr(1_000_000);
        var sample = Math.Min(PerGrainSample, total);
        await using var db = await BenchmarkDatabase.StartAsync(log);
        var dataDir = Path.Combine(Path.GetTempPath(), $"witn-bench-resident-{Guid.NewGuid():N}"[..40]);
        var ports = SiloUnderTest.FreePorts(3);
        var settings = new SiloSettings { HttpPort = ports[0], SiloPort = ports[1], GatewayPort = ports[2], DataDir = dataDir, ClusterId = "resident" };
        var adminKey = await DatabaseBootstrap.BootstrapAdminKeyAsync(settings, db.ConnectionString, CancellationToken.None)
            ?? throw new InvalidOperationException("a fresh database must get an admin key");
        var app = SiloApp.Build(settings, db.ConnectionString);
        await app.StartAsync();
        try
        {
            using (var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{settings.HttpPort}") })
            {
                admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
                var tenant = $$"""{"name": "Resident", "sandbox": true, "clock_start": "{{IngestBodies.ClockStart.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}}"}""";
                await OutcomeSetup.SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{Tenant}", new StringContent(tenant, Encoding.UTF8, "application/json"));
                await OutcomeSetup.PutDefinitionAsync(admin, TicketBodies.Definition);
            }

            var grains = app.Services.GetRequiredService<IGrainFactory>();
            await WaitForDefinitionAsync(grains);

            // Warm-up: JIT, pools, the group committers' buffers.
            await ActivateAsync(grains, "warm", 0, 5_000);
            var baseline = Heap();
            var resident0 = await ResidentAsync(grains);
            log.WriteLine($"after warm-up: {resident0:N0} outcome activations, managed heap {baseline / 1e6:N1} MB");

            var started = Stopwatch.GetTimestamp();
            await ActivateAsync(grains, "T", 0, sample);
            var sampleSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var afterSample = Heap();
            var residentSample = await ResidentAsync(grains) - resident0;
            var perGrain = (double)(afterSample - baseline) / residentSample;
            log.WriteLine($"{sample:N0} outcomes activated in {sampleSeconds:F1} s ({sample / sampleSeconds:N0}/s): {residentSample:N0} resident, "
                + $"heap {afterSample / 1e6:N1} MB, {perGrain:N0} bytes per active outcome grain");

            var step = Math.Max(sample, 100_000);
            for (var from = sample; from < total; from += step)
            {
                var to = Math.Min(total, from + step);
                await ActivateAsync(grains, "T", from, to);
                log.WriteLine($"  … {to:N0} outcomes tracked after {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s, managed heap {GC.GetTotalMemory(false) / 1e6:N0} MB");
            }

            var allSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var afterAll = Heap();
            var resident = await ResidentAsync(grains) - resident0;
            var rows = await OutcomeSetup.ScalarAsync(db.DataSource, "SELECT count(*) FROM outcomes WHERE tenant_id = $1 AND correlation LIKE 'T-%' AND status = 'qualified'", Tenant);
            var workingSet = Process.GetCurrentProcess().WorkingSet64;
            log.WriteLine($"{total:N0} outcomes in {allSeconds:F0} s ({total / allSeconds:N0}/s): {resident:N0} resident activations, {rows:N0} qualified rows in PostgreSQL, "
                + $"managed heap {afterAll / 1e6:N0} MB ({(double)(afterAll - baseline) / Math.Max(1, resident):N0} bytes per resident outcome), working set {workingSet / 1e6:N0} MB");

            var label = "ticket_resolved, 2 events held each";
            return
            [
                new($"{label}: managed memory per active outcome grain ({sample:N0} activated)", perGrain, "bytes"),
                new($"{label}: activation + first durable write rate ({sample:N0})", sample / sampleSeconds, "outcomes/s"),
                new($"{label}: outcomes tracked (rows qualified in PostgreSQL)", rows, "outcomes"),
                new($"{label}: outcome activations resident in the silo", resident, "activations"),
                new($"{label}: managed heap with all tracked outcomes resident", afterAll / 1e6, "MB"),
                new($"{label}: managed memory per resident outcome at {total:N0}", (double)(afterAll - baseline) / Math.Max(1, resident), "bytes"),
                new($"{label}: process working set at {total:N0}", workingSet / 1e6, "MB"),
                new($"{label}: time to track {total:N0} outcomes", allSeconds, "s"),
            ];
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    /// <summary>The managed heap after full, blocking, compacting collections (finalizers run in between).</summary>
    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<long> ResidentAsync(IGrainFactory grains)
    {
        var stats = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return stats.Where(s => s.GrainType.Contains("OutcomeGrain", StringComparison.Ordinal) && !s.GrainType.Contains("Query", StringComparison.Ordinal)
            && !s.GrainType.Contains("Evaluator", StringComparison.Ordinal) && !s.GrainType.Contains("Definition", StringComparison.Ordinal)
            && !s.GrainType.Contains("Catalog", StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
    }

    /// <summary>A definition PUT reaches the silo's catalog asynchronously; probe until an outcome takes events.</summary>
    private static async Task WaitForDefinitionAsync(IGrainFactory grains)
    {
        var deadline = Stopwatch.StartNew();
        while (await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(Tenant, TicketBodies.Definition, "probe")).ApplyAsync(Events("probe", 0)) != StoredEvents)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the ticket_resolved definition did not reach the outcome catalog");
            }

            await Task.Delay(100);
        }
    }

    private static async Task ActivateAsync(IGrainFactory grains, string prefix, int from, int to) =>
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
        {
            var ticket = $"{prefix}-{i:D7}";
            var applied = await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(Tenant, TicketBodies.Definition, ticket)).ApplyAsync(Events(ticket, i));
            if (applied != StoredEvents)
            {
                throw new InvalidOperationException($"outcome {ticket} kept {applied} events, expected {StoredEvents}");
            }
        });

    /// <summary>
    /// A typical ticket: created (not listened to by ticket_resolved, so not kept), closed pending the customer, then
    /// closed as solved: qualified, two events held.
    /// </summary>
    private static OutcomeEvent[] Events(string ticket, int n)
    {
        var created = IngestBodies.ClockStart.AddHours(-22).AddMilliseconds(n % 10_000_000);
        var agent = new AgentRef("support-bot", "3.2.1");
        var common = string.Create(CultureInfo.InvariantCulture,
            $"\"ticket_id\":\"{ticket}\",\"channel\":\"email\",\"priority\":\"p{n % 4}\",\"customer\":{{\"id\":\"C-{n % 100_000}\",\"plan\":\"enterprise\"}}");
        return
        [
            OutcomeEvent.Create(Guid.NewGuid(), Tenant, "ticket.created", created, $"{{{common}}}", $"{ticket}-0", agent),
            OutcomeEvent.Create(Guid.NewGuid(), Tenant, "ticket.closed", created.AddMinutes(1), $"{{{common},\"resolution\":\"pending\"}}", $"{ticket}-1", agent),
            OutcomeEvent.Create(Guid.NewGuid(), Tenant, "ticket.closed", created.AddMinutes(2), $"{{{common},\"resolution\":\"solved\"}}", $"{ticket}-2", agent),
        ];
    }
}
