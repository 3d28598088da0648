namespace Witn.Client.Http;

/// <summary>The body of <c>POST /v1/keys</c>.</summary>
internal sealed record CreateKeyBody(string Name, IReadOnlyList<string> Scopes, string? TenantId);
