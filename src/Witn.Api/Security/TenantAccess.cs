using System.Security.Claims;
using Witn.Domain.Tenants;

namespace Witn.Api.Security;

/// <summary>The tenant isolation rule: a key restricted to one tenant sees and touches nothing of another.</summary>
public static class TenantAccess
{
    /// <summary>The tenant the caller's key is restricted to, or null for an unrestricted key.</summary>
    public static string? RestrictedTo(ClaimsPrincipal user) => user.FindFirst(ApiKeyClaims.TenantId)?.Value;

    public static bool Allows(ClaimsPrincipal user, string tenantId) =>
        RestrictedTo(user) is not { } only || string.Equals(only, tenantId, StringComparison.Ordinal);

    /// <summary>A well-formed tenant id the caller may see; anything else is answered as if it did not exist.</summary>
    public static bool Sees(ClaimsPrincipal user, string tenantId) => TenantIds.IsValid(tenantId) && Allows(user, tenantId);
}
