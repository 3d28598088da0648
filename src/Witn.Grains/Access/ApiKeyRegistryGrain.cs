using Orleans.Concurrency;
using Witn.Abstractions.Access;
using Witn.Storage.Access;

namespace Witn.Grains.Access;

[StatelessWorker]
public sealed class ApiKeyRegistryGrain(ApiKeyStore store) : Grain, IApiKeyRegistryGrain
{
    public async Task<CreatedApiKey> CreateAsync(NewApiKey request)
    {
        var (row, token) = await store.CreateAsync(request.Name, request.Scopes, request.TenantId, request.ExpiresAt);
        return new CreatedApiKey(ApiKeyMapping.ToInfo(row), token.Format());
    }

    public async Task<ApiKeyInfo[]> ListAsync() =>
        [.. (await store.ListAsync()).Select(ApiKeyMapping.ToInfo)];

    public async Task<ApiKeyInfo[]?> ListPageAsync(string? tenantId, int limit, string? after) =>
        await store.ListAsync(tenantId, limit, after) is { } rows ? [.. rows.Select(ApiKeyMapping.ToInfo)] : null;
}
