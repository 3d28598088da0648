using Orleans.Concurrency;
using Witn.Abstractions.Outcomes;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

[StatelessWorker]
public sealed class OutcomeCatalogGrain(DefinitionStore store) : Grain, IOutcomeCatalogGrain
{
    public async Task<DefinitionInfo[]> ListAsync(int limit, string? after) =>
        [.. (await store.ListAsync(limit, after)).Select(DefinitionMapping.ToInfo)];
}
