using Orleans.Concurrency;
using Witn.Abstractions.Portal;
using Witn.Storage.Portal;

namespace Witn.Grains.Portal;

[StatelessWorker(1)]
public sealed class PortalSecretGrain(PortalSecretStore store) : Grain, IPortalSecretGrain
{
    public Task<byte[]> GetAsync() => store.GetOrCreateAsync();
}
