using Microsoft.AspNetCore.Authorization;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>The request needs a key holding this scope (or admin).</summary>
public sealed class ScopeRequirement(ApiKeyScope scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public ApiKeyScope Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (ApiKeyScopes.Grants(ApiKeyClaims.Scopes(context.User), requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
