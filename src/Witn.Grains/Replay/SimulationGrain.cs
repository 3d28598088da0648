using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Replay;
using Witn.Storage.Simulations;
using Witn.Storage.Tenants;

namespace Witn.Grains.Replay;

/// <summary>
/// Drives one simulation: sizes each tenant's replay, cuts big tenants into partitions by correlation hash, runs the
/// partitions as grains across the cluster, then rates the results and records parity before any figure. The
/// simulation's row is the state; a failure marks it failed with the reason, a cancellation stops the partitions.
/// </summary>
public sealed partial class SimulationGrain(
    SimulationStore store, ReplayRunner runner, SimulationRating rating, TenantStore tenants, TimeProvider time, ILogger<SimulationGrain> logger) : Grain, ISimulationGrain
{
    /// <summary>How long a simulation and its results are kept.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    // Partitions replaying at once per silo: one sorting in PostgreSQL while another replays (measured best on 2 cores).
    private const int PartitionsPerSilo = 2;
    private Task? _run;

    public async Task<SimulationInfo> CreateAsync(string requestJson, string? name)
    {
        var id = this.GetPrimaryKey();
        var row = await store.GetAsync(id);
        if (row is null)
        {
            var now = time.GetUtcNow();
            row = await store.CreateAsync(id, name, requestJson, now, now + KeptFor);
        }

        _run ??= RunAsync();
        return ToInfo(row);
    }

    public async Task<SimulationInfo?> GetAsync()
    {
        var row = await store.GetAsync(this.GetPrimaryKey());
        if (row is { Status: "queued" })
        {
            // A silo that stopped before running it: whoever asks next starts it here.
            _run ??= RunAsync();
        }

        return row is null ? null : ToInfo(row);
    }

    public async Task<SimulationInfo?> CancelAsync() =>
        await store.CancelAsync(this.GetPrimaryKey(), time.GetUtcNow()) is { } row ? ToInfo(row) : null;

    public async Task<SimulationResultInfo[]> ResultsAsync() =>
        [.. (await store.ListResultsAsync(this.GetPrimaryKey())).Select(r => new SimulationResultInfo(
            r.TenantId, r.Definition, r.Period, r.Currency, r.ActualOutcomes, Amount(r.ActualAmountMinor, r.Currency), r.SimulatedOutcomes, Amount(r.SimulatedAmountMinor, r.Currency)))];

    public async Task<SimulationOutcomeInfo[]> OutcomesAsync(bool mismatches, int limit, string? afterTenant, string? afterDefinition, string? afterCorrelation)
    {
        (string, string, string)? after = afterTenant is null ? null : (afterTenant, afterDefinition ?? "", afterCorrelation ?? "");
        var rows = mismatches
            ? await store.ListMismatchesAsync(this.GetPrimaryKey(), limit, after)
            : await store.ListFlipsAsync(this.GetPrimaryKey(), limit, after);
        return [.. rows.Select(r => new SimulationOutcomeInfo(r.TenantId, r.Definition, r.Correlation, r.Before, r.After, [.. r.EventIds]))];
    }

    private static decimal Amount(long minor, string? currency) => currency is null ? 0m : Witn.Storage.Ledger.Money.FromMinorUnits(minor, currency);

    private static SimulationInfo ToInfo(SimulationRow r) => new(
        r.Id, r.Name, r.Status, r.RequestJson, r.EventsTotal, r.EventsRead, r.Outcomes, r.Percent, r.ParityJson, r.SummaryJson, r.Error,
        r.CreatedAt, r.StartedAt, r.FinishedAt, r.ExpiresAt);

    private async Task RunAsync()
    {
        var id = this.GetPrimaryKey();
        DelayDeactivation(TimeSpan.FromDays(1));
        try
        {
            if (await store.GetAsync(id) is not { Status: "queued" } row)
            {
                return;
            }

            var request = JsonSerializer.Deserialize<SimulationRequest>(row.RequestJson)!;
            var tenantIds = request.Tenants ?? [.. (await tenants.ListAsync()).Select(t => t.Id)];
            var scope = await runner.DefinitionsAsync(request);
            var partitions = new List<ReplayPartitionKey>();
            var total = 0L;
            foreach (var tenant in tenantIds)
            {
                var count = await runner.CountAsync(tenant, scope);
                total += count;
                var buckets = (int)Math.Max(1, (count + ReplayRunner.PartitionEvents - 1) / ReplayRunner.PartitionEvents);
                partitions.AddRange(Enumerable.Range(0, buckets).Select(b => new ReplayPartitionKey(id, tenant, b, buckets)));
            }

            if (!await store.StartAsync(id, total, time.GetUtcNow()))
            {
                return;
            }

            var reports = new List<ReplayPartitionReport>();
            // Partitions are grains placed across the cluster: a bigger cluster runs more at once.
            var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
            using var gate = new SemaphoreSlim(PartitionsPerSilo * Math.Max(1, silos));
            await Task.WhenAll(partitions.Select(async key =>
            {
                await gate.WaitAsync();
                try
                {
                    var report = await GrainFactory.GetGrain<IReplayPartitionGrain>(key.ToString()).RunAsync();
                    lock (reports)
                    {
                        reports.Add(report);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));

            if (reports.Any(r => r.Cancelled))
            {
                return;
            }

            var invoices = new JsonArray();
            foreach (var tenant in tenantIds)
            {
                foreach (var entry in await rating.RateAsync(id, request, tenant))
                {
                    invoices.Add(entry!.DeepClone());
                }
            }

            var mismatches = reports.Sum(r => r.Mismatches);
            var parity = new JsonObject
            {
                ["holds"] = mismatches == 0 && invoices.All(i => i!["matches"]!.GetValue<bool>()),
                ["outcomes_compared"] = reports.Sum(r => r.Outcomes),
                ["mismatches"] = mismatches,
                ["invoices_checked"] = request.From is null && request.To is null,
                ["invoices"] = invoices,
            };
            var summary = new JsonObject
            {
                ["events_read"] = reports.Sum(r => r.EventsRead),
                ["outcomes"] = reports.Sum(r => r.Outcomes),
                ["flips"] = reports.Sum(r => r.Flips),
                ["partitions"] = partitions.Count,
            };
            await store.FinishAsync(id, "done", parity.ToJsonString(), summary.ToJsonString(), null, time.GetUtcNow());
            LogDone(id, reports.Sum(r => r.EventsRead), mismatches);
        }
        catch (Exception e)
        {
            LogFailed(e, id);
            await store.FinishAsync(id, "failed", null, null, e.Message, time.GetUtcNow());
        }
        finally
        {
            _run = null;
            DeactivateOnIdle();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulation {Id} done: {Events} events replayed, {Mismatches} parity mismatches")]
    private partial void LogDone(Guid id, long events, long mismatches);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulation {Id} failed")]
    private partial void LogFailed(Exception exception, Guid id);
}
