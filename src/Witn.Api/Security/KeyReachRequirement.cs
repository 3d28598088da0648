using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Witn.Api.Security;

/// <summary>
/// The one rule for shared state: a key restricted to a tenant may not call a route whose <see cref="KeyReach"/> is
/// operator. Part of every policy (<see cref="WitnPolicies"/>), so no route can forget it.
/// </summary>
public sealed class KeyReachRequirement : AuthorizationHandler<KeyReachRequirement>, IAuthorizationRequirement
{
    public static readonly KeyReachRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, KeyReachRequirement requirement)
    {
        // With endpoint routing the resource is the request; anything else has no declared reach and counts as operator.
        var endpoint = (context.Resource as HttpContext)?.GetEndpoint();
        if (TenantAccess.RestrictedTo(context.User) is null || KeyReach.Of(endpoint).AllowsRestrictedKeys)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
