using Witn.Abstractions.Access;
using Witn.Domain.Access;

namespace Witn.Api.Keys;

/// <summary>A key as listed: never its secret.</summary>
public sealed record KeyResponse(string Id, string Name, IReadOnlyList<string> Scopes, string? TenantId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static KeyResponse From(ApiKeyInfo key) =>
        new(key.Id, key.Name, [.. key.Scopes.Select(ApiKeyScopes.ToName)], key.TenantId, key.CreatedAt, key.RevokedAt);
}
