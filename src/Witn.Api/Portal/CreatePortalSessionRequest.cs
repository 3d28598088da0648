namespace Witn.Api.Portal;

/// <summary>Body of <c>POST /v1/tenants/{t}/portal/sessions</c> (optional): <c>ttl</c>, how long the link works (1h by default, at most 24h).</summary>
public sealed record CreatePortalSessionRequest(string? Ttl = null);
