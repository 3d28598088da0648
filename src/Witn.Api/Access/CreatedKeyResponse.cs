namespace Witn.Api.Access;

/// <summary>The answer to a key creation: the only response that ever contains the secret.</summary>
public sealed record CreatedKeyResponse(string Id, string Key, string Name, IReadOnlyList<string> Scopes, string? TenantId, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
