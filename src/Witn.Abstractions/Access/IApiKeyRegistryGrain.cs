namespace Witn.Abstractions.Access;

/// <summary>Creates and lists keys. Stateless: any silo serves it straight from the database.</summary>
[Alias("witn.access.api-key-registry")]
public interface IApiKeyRegistryGrain : IGrainWithIntegerKey
{
    [Alias("create")]
    Task<CreatedApiKey> CreateAsync(NewApiKey request);

    [Alias("list")]
    Task<ApiKeyInfo[]> ListAsync();

    /// <summary>
    /// A page of keys in creation order, only those restricted to <paramref name="tenantId"/> when given: at most
    /// <paramref name="limit"/> after the key <paramref name="after"/>; null when that is no key of the list.
    /// </summary>
    [Alias("list-page")]
    Task<ApiKeyInfo[]?> ListPageAsync(string? tenantId, int limit, string? after);
}
