using Witn.Domain.Access;

namespace Witn.Abstractions.Access;

/// <summary>What anyone may know about a key: everything but its secret.</summary>
[GenerateSerializer, Immutable, Alias("witn.access.api-key-info")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ApiKeyScope[] Scopes,
    [property: Id(3)] string? TenantId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? RevokedAt,
    [property: Id(6)] DateTimeOffset? ExpiresAt = null,
    [property: Id(7)] DateTimeOffset? LastUsedAt = null)
{
    public bool IsRevoked => RevokedAt is not null;
}
