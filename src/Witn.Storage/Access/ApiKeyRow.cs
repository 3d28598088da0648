using Witn.Domain.Access;

namespace Witn.Storage.Access;

/// <summary>An API key as stored (never with its secret).</summary>
public sealed record ApiKeyRow(
    string Id,
    string Name,
    IReadOnlyList<ApiKeyScope> Scopes,
    string? TenantId,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? LastUsedAt = null)
{
    /// <summary>Whether the key may authenticate at <paramref name="now"/>: not revoked, and not at or past its expiry.</summary>
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || now < expires);
}
