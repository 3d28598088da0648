namespace Witn.Client.Http;

/// <summary>The answer to <c>POST /v1/keys</c>, as the server writes it.</summary>
internal sealed record CreatedKeyBody(string Id, string Key, string Name, Witn.Domain.Access.ApiKeyScope[] Scopes, string? TenantId, DateTimeOffset CreatedAt);
