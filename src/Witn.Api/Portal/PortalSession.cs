namespace Witn.Api.Portal;

/// <summary>
/// A verified portal session: the one tenant it may see, its id (random, named as the author of the messages it
/// writes, and the seed of its CSRF token) and when it ends.
/// </summary>
public sealed record PortalSession(string TenantId, string Id, DateTimeOffset ExpiresAt)
{
    /// <summary>The author a dispute message written through this session carries.</summary>
    public string Author => $"portal session {Id[..8]}";
}
