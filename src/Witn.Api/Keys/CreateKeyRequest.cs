namespace Witn.Api.Keys;

/// <summary>Body of <c>POST /v1/keys</c>.</summary>
public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes, string? TenantId);
