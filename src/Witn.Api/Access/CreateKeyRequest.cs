namespace Witn.Api.Access;

/// <summary>Body of <c>POST /v1/keys</c>. <c>expires_at</c>: an instant with an offset, in the future; left out, the key lasts until revoked.</summary>
public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? TenantId, DateTimeOffset? ExpiresAt = null);
