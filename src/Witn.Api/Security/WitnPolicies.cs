using Microsoft.AspNetCore.Authorization;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>One authorization policy per scope.</summary>
public static class WitnPolicies
{
    public const string Admin = "scope:admin";
    public const string Ingest = "scope:ingest";
    public const string Read = "scope:read";

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (name, scope) in new[] { (Admin, ApiKeyScope.Admin), (Ingest, ApiKeyScope.Ingest), (Read, ApiKeyScope.Read) })
        {
            options.AddPolicy(name, p => p
                .AddAuthenticationSchemes(ApiKeyClaims.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new ScopeRequirement(scope)));
        }
    }
}
