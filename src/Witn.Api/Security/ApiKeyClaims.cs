using System.Security.Claims;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>The claims an authenticated API key carries.</summary>
public static class ApiKeyClaims
{
    public const string Scheme = "ApiKey";
    public const string KeyId = "witn:key_id";
    public const string Scope = "witn:scope";
    public const string TenantId = "witn:tenant_id";

    /// <summary>The scopes the authenticated key holds (none for an anonymous request).</summary>
    public static IEnumerable<ApiKeyScope> Scopes(ClaimsPrincipal user) =>
        user.FindAll(Scope).Select(c => ApiKeyScopes.TryParse(c.Value, out var s) ? s : (ApiKeyScope?)null).OfType<ApiKeyScope>();
}
