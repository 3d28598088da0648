using System.Text.Json;
using Witn.Abstractions.Replay;
using Witn.Storage.Simulations;

namespace Witn.Grains.Replay;

/// <summary>Runs one partition of a simulation wherever the cluster placed it; the work is <see cref="ReplayRunner"/>'s.</summary>
public sealed class ReplayPartitionGrain(SimulationStore store, ReplayRunner runner) : Grain, IReplayPartitionGrain
{
    public async Task<ReplayPartitionReport> RunAsync()
    {
        var key = ReplayPartitionKey.Parse(this.GetPrimaryKeyString());
        var row = await store.GetAsync(key.SimulationId) ?? throw new InvalidOperationException($"simulation {key.SimulationId} does not exist");
        var request = JsonSerializer.Deserialize<SimulationRequest>(row.RequestJson)!;
        var report = await runner.RunAsync(key.SimulationId, request, key.Tenant, key.Bucket, key.Buckets);
        DeactivateOnIdle();
        return report;
    }
}
