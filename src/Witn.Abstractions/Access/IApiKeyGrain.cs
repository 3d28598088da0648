namespace Witn.Abstractions.Access;

/// <summary>
/// One key, keyed by its public id. A single activation cluster-wide, so a revocation is seen by every
/// silo's next request without cache invalidation.
/// </summary>
[Alias("witn.access.api-key")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>The key when <paramref name="secret"/> is its secret and it is neither revoked nor expired; otherwise null. Records the use (at most once a minute).</summary>
    [Alias("authenticate")]
    Task<ApiKeyInfo?> AuthenticateAsync(string secret);

    /// <summary>Revokes the key (idempotent); null when no such key exists.</summary>
    [Alias("revoke")]
    Task<ApiKeyInfo?> RevokeAsync();
}
