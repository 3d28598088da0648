using Microsoft.AspNetCore.Authorization;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>The request needs a key holding this scope (or admin).</summary>
public sealed class ScopeRequirement(ApiKeyScope scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public ApiKeyScope Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var held = context.User.FindAll(ApiKeyClaims.Scope)
            .Select(c => ApiKeyScopes.TryParse(c.Value, out var s) ? s : (ApiKeyScope?)null)
            .OfType<ApiKeyScope>();
        if (ApiKeyScopes.Grants(held, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
