using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Witn.Api.Http;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>Turns authorization failures into problem details: 401 says what to send, 403 names the key that can (the missing scope, or an operator key for shared state).</summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var reason = context.Items[ApiKeyAuthenticationHandler.FailureItem] as string ?? ApiKeyAuthenticationHandler.NoKeySent;
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal)
                ? "Basic realm=\"Witn.Actors dashboard (password: an admin API key)\""
                : "Bearer realm=\"witn\"";
            await WriteAsync(context, Problems.Create(401, "unauthorized", "Missing or invalid API key",
                $"{reason}: send 'Authorization: Bearer <key>'; the first admin key is written to <data-dir>/admin.key when the silo first starts"));
            return;
        }

        if (authorizeResult.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, Problems.Create(403, "forbidden", "The API key does not allow this", ForbiddenDetail(context, policy, authorizeResult)));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>Says which key can: one with the missing scope, or an operator key (not restricted to a tenant) for shared state.</summary>
    private static string ForbiddenDetail(HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var failed = result.AuthorizationFailure?.FailedRequirements.ToList() ?? [];
        var missing = Names(failed.OfType<ScopeRequirement>());
        if (!failed.Contains(KeyReachRequirement.Instance))
        {
            return missing.Count > 0
                ? $"this key lacks the '{string.Join("', '", missing)}' scope; ask an admin for a key with it (POST /v1/keys)"
                : "this key may not perform this request";
        }

        var needed = Names(policy.Requirements.OfType<ScopeRequirement>());
        var which = needed.Count > 0 ? $"a key with the '{string.Join("', '", needed)}' scope that is not restricted to a tenant" : "a key not restricted to a tenant";
        return $"this key is restricted to tenant '{TenantAccess.RestrictedTo(context.User)}'{(missing.Count > 0 ? $" and lacks the '{string.Join("', '", missing)}' scope" : "")}, "
            + $"and {context.Request.Method} {context.Request.Path} reaches {KeyReach.Of(context.GetEndpoint()).Shared}, which every tenant shares: "
            + $"only an operator key can do this, {which} (such as the silo's first admin key, saved in <data-dir>/admin.key)";
    }

    // A route's policy may hold its group's scope and a stronger one of its own: admin implies the others, so it alone is named.
    private static List<string> Names(IEnumerable<ScopeRequirement> requirements)
    {
        var scopes = requirements.Select(r => r.Scope).Distinct().ToList();
        return [.. (scopes.Contains(ApiKeyScope.Admin) ? [ApiKeyScope.Admin] : scopes).Select(ApiKeyScopes.ToName)];
    }

    private async Task WriteAsync(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
}
