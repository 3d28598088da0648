using Microsoft.AspNetCore.Authorization;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>One authorization policy per scope; every policy, the default one included, also applies <see cref="KeyReachRequirement"/>.</summary>
public static class WitnPolicies
{
    public const string Admin = "scope:admin";
    public const string Ingest = "scope:ingest";
    public const string Read = "scope:read";
    public const string Disputes = "scope:disputes";
    public const string Metrics = "scope:metrics";

    /// <summary>The scope a policy name stands for, or null for another policy (the matrix test reads routes' scopes through it).</summary>
    public static ApiKeyScope? ScopeOf(string? policy) => policy switch
    {
        Admin => ApiKeyScope.Admin,
        Ingest => ApiKeyScope.Ingest,
        Read => ApiKeyScope.Read,
        Disputes => ApiKeyScope.Disputes,
        Metrics => ApiKeyScope.Metrics,
        _ => null,
    };

    public static void Register(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultPolicy = Key().Build();
        foreach (var (name, scope) in new[] { (Admin, ApiKeyScope.Admin), (Ingest, ApiKeyScope.Ingest), (Read, ApiKeyScope.Read), (Disputes, ApiKeyScope.Disputes), (Metrics, ApiKeyScope.Metrics) })
        {
            options.AddPolicy(name, Key().AddRequirements(new ScopeRequirement(scope)).Build());
        }
    }

    private static AuthorizationPolicyBuilder Key() => new AuthorizationPolicyBuilder(ApiKeyClaims.Scheme)
        .RequireAuthenticatedUser()
        .AddRequirements(KeyReachRequirement.Instance);
}
