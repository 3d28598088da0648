using Orleans.Concurrency;
using Witn.Abstractions.Outcomes;
using Witn.Storage.Outcomes;

namespace Witn.Grains.Outcomes;

[StatelessWorker]
public sealed class OutcomeCatalogGrain(DefinitionStore store) : Grain, IOutcomeCatalogGrain
{
    public async Task<DefinitionInfo[]> ListAsync() =>
        [.. (await store.ListAsync()).Select(DefinitionMapping.ToInfo)];
}
