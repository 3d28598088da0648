using Orleans.Concurrency;
using Witn.Abstractions.Exports;
using Witn.Storage.Exports;

namespace Witn.Grains.Exports;

/// <summary>Reconciliation runs for the API; a silo's reconciliation service runs what is asked for here.</summary>
[StatelessWorker, Reentrant]
public sealed class ReconciliationGrain(ReconciliationStore store) : Grain, IReconciliationGrain
{
    public async Task<ReconciliationInfo> CreateAsync(string provider, DateOnly? periodStart, string[]? tenants) =>
        ExportInfos.From(await store.CreateAsync(provider, periodStart, tenants, "request"));

    public async Task<ReconciliationInfo?> GetAsync(Guid id) => await store.GetAsync(id) is { } row ? ExportInfos.From(row) : null;

    public async Task<ReconciliationFindingInfo[]> FindingsAsync(Guid id, string? kind, string? tenant, int afterSeq, int limit) =>
        [.. (await store.FindingsAsync(id, kind, tenant, afterSeq, limit)).Select(ExportInfos.From)];
}
