using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Witn.Api.Http;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>Turns authorization failures into problem details: 401 says what to send, 403 names the missing scope.</summary>
public sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var reason = context.Items[ApiKeyAuthenticationHandler.FailureItem] as string ?? "no API key was sent";
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
            var missing = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<ScopeRequirement>().Select(r => ApiKeyScopes.ToName(r.Scope)).ToList() ?? [];
            var detail = missing.Count > 0
                ? $"this key lacks the '{string.Join("', '", missing)}' scope; ask an admin for a key with it (POST /v1/keys)"
                : "this key may not perform this request";
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, Problems.Create(403, "forbidden", "The API key does not allow this", detail));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task WriteAsync(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
}
