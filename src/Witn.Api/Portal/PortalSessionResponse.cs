namespace Witn.Api.Portal;

/// <summary>A portal link for the vendor to mail or embed: it opens the tenant's portal until <c>expires_at</c>.</summary>
public sealed record PortalSessionResponse(string Url, DateTimeOffset ExpiresAt);
