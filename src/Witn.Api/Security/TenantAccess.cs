using System.Security.Claims;

namespace Witn.Api.Security;

/// <summary>The tenant isolation rule: a key restricted to one tenant sees and touches nothing of another.</summary>
public static class TenantAccess
{
    /// <summary>The tenant the caller's key is restricted to, or null for an unrestricted key.</summary>
    public static string? RestrictedTo(ClaimsPrincipal user) => user.FindFirst(ApiKeyClaims.TenantId)?.Value;

    public static bool Allows(ClaimsPrincipal user, string tenantId) =>
        RestrictedTo(user) is not { } only || string.Equals(only, tenantId, StringComparison.Ordinal);
}
