using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Witn.Abstractions.Tenants;
using Witn.Api.Http;
using Witn.Domain.Tenants;

namespace Witn.Api.Security;

/// <summary>
/// The tenant isolation rule: a key restricted to one tenant sees and touches nothing of another. Every route that
/// names a tenant goes through here — those under <c>/v1/tenants/{tenant}</c> through <see cref="TenantAccessFilter"/>,
/// the others (a query or body naming a tenant) from their handler — so a malformed id, an unknown tenant and another
/// tenant's id are answered the same way everywhere.
/// </summary>
public static class TenantAccess
{
    /// <summary>The tenant the caller's key is restricted to, or null for an unrestricted key.</summary>
    public static string? RestrictedTo(ClaimsPrincipal user) => user.FindFirst(ApiKeyClaims.TenantId)?.Value;

    public static bool Allows(ClaimsPrincipal user, string tenantId) =>
        RestrictedTo(user) is not { } only || string.Equals(only, tenantId, StringComparison.Ordinal);

    /// <summary>A well-formed tenant id the caller may see; anything else is answered as if it did not exist.</summary>
    public static bool Sees(ClaimsPrincipal user, string tenantId) => TenantIds.IsValid(tenantId) && Allows(user, tenantId);

    /// <summary>The error for a malformed tenant id given as <paramref name="parameter"/>, or null when it is well formed.</summary>
    public static InputError? CheckId(string? tenantId, string parameter, string? orElse = null) =>
        TenantIds.IsValid(tenantId)
            ? null
            : new InputError(parameter, $"'{tenantId}' is not a valid tenant id", $"tenant ids are {TenantIds.Rule}{(orElse is null ? "" : "; " + orElse)}");

    /// <summary>Whether the tenant exists and the caller may see it (one call to the tenant's grain, which holds it in memory).</summary>
    public static async Task<bool> VisibleAsync(ClaimsPrincipal user, string tenantId, IGrainFactory grains) =>
        Sees(user, tenantId) && await grains.GetGrain<ITenantGrain>(tenantId).GetAsync() is not null;

    /// <summary>
    /// For a tenant named by a path or query value: a 400 naming <paramref name="parameter"/> when the id is malformed
    /// (or missing), a 404 when the tenant does not exist or the key may not see it (the same answer, so a restricted key
    /// learns nothing of other tenants), and null when the caller may go on.
    /// </summary>
    public static async Task<ProblemHttpResult?> RefuseAsync(ClaimsPrincipal user, string? tenantId, IGrainFactory grains, string parameter = "tenant")
    {
        if (CheckId(tenantId, parameter) is { } invalid)
        {
            return Problems.Invalid(invalid.Message, [invalid]);
        }

        return await VisibleAsync(user, tenantId!, grains) ? null : Problems.TenantNotFound(tenantId!);
    }

    /// <summary>
    /// For a route that may create the tenant it names: a 400 when the id is malformed, a 404 when the key may not use
    /// it, and null when the caller may go on (whether or not the tenant exists yet).
    /// </summary>
    public static ProblemHttpResult? RefuseId(ClaimsPrincipal user, string? tenantId, string parameter = "tenant")
    {
        if (CheckId(tenantId, parameter) is { } invalid)
        {
            return Problems.Invalid(invalid.Message, [invalid]);
        }

        return Allows(user, tenantId!) ? null : Problems.TenantNotFound(tenantId!);
    }

    /// <summary>
    /// For a <c>tenant_id</c> field of a body that restricts what is created (a key, a webhook endpoint): the tenant
    /// it applies to (the one sent, else the caller's own when its key is restricted) and the error when that tenant
    /// does not exist or is not visible to the caller. A malformed id gets no error here: the body's validation names
    /// it. <paramref name="orElse"/> says what leaving the field out means.
    /// </summary>
    public static async Task<(string? TenantId, InputError? Error)> ResolveFieldAsync(ClaimsPrincipal user, string? sent, IGrainFactory grains, string orElse)
    {
        var tenantId = sent ?? RestrictedTo(user);
        return tenantId is null || !TenantIds.IsValid(tenantId) || await VisibleAsync(user, tenantId, grains)
            ? (tenantId, null)
            : (tenantId, new InputError("tenant_id", $"no tenant '{tenantId}' is visible to this key", $"create it with PUT /v1/tenants/{tenantId}, or {orElse}"));
    }
}
