using Witn.Abstractions.Access;
using Witn.Domain.Access;

namespace Witn.Api.Access;

/// <summary>A key as listed: never its secret. <c>last_used_at</c> lags the real last use by at most a minute.</summary>
public sealed record KeyResponse(
    string Id, string Name, IReadOnlyList<string> Scopes, string? TenantId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt)
{
    public static KeyResponse From(ApiKeyInfo key) =>
        new(key.Id, key.Name, [.. key.Scopes.Select(ApiKeyScopes.ToName)], key.TenantId, key.CreatedAt, key.RevokedAt, key.ExpiresAt, key.LastUsedAt);
}
