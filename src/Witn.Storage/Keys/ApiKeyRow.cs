using Witn.Domain.Access;

namespace Witn.Storage.Keys;

/// <summary>An API key as stored (never with its secret).</summary>
public sealed record ApiKeyRow(
    string Id,
    string Name,
    IReadOnlyList<ApiKeyScope> Scopes,
    string? TenantId,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
