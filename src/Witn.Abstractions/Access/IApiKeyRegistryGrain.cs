namespace Witn.Abstractions.Access;

/// <summary>Creates and lists keys. Stateless: any silo serves it straight from the database.</summary>
[Alias("witn.access.api-key-registry")]
public interface IApiKeyRegistryGrain : IGrainWithIntegerKey
{
    [Alias("create")]
    Task<CreatedApiKey> CreateAsync(NewApiKey request);

    [Alias("list")]
    Task<ApiKeyInfo[]> ListAsync();
}
