using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Access;
using Witn.Api.Pages;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;key&gt;</c> (agents, scripts), <c>Basic</c> with the key as the
/// password (browsers opening the dashboard) and, on a GET of a page asking for HTML only, the key a browser typed
/// into the pages' key form (<see cref="PageKeyCookie"/>). The key's own grain decides, so a revocation anywhere is
/// effective everywhere at once.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Why authentication failed, for the 401 problem's detail.</summary>
    public const string FailureItem = "witn:auth_failure";

    /// <summary>The failure when the request carries no key at all.</summary>
    public const string NoKeySent = "no API key was sent";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string? raw;
        if (string.IsNullOrWhiteSpace(header))
        {
            raw = PageKeyCookie.For(Context);
            if (raw is null)
            {
                return Fail(NoKeySent);
            }
        }
        else if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            raw = header["Bearer ".Length..].Trim();
        }
        else if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            raw = BasicPassword(header["Basic ".Length..].Trim());
        }
        else
        {
            return Fail("the Authorization header must use the Bearer scheme");
        }

        var (key, failure) = await CheckAsync(raw, grains);
        if (key is null)
        {
            return Fail(failure!);
        }

        var claims = new List<Claim> { new(ApiKeyClaims.KeyId, key.Id), new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Scopes.Select(s => new Claim(ApiKeyClaims.Scope, ApiKeyScopes.ToName(s))));
        if (key.TenantId is not null)
        {
            claims.Add(new Claim(ApiKeyClaims.TenantId, key.TenantId));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyClaims.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyClaims.Scheme));
    }

    /// <summary>The key <paramref name="raw"/> names when it is well formed, known, not revoked and not expired; else why not.</summary>
    public static async Task<(ApiKeyInfo? Key, string? Failure)> CheckAsync(string? raw, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (!ApiKeyToken.TryParse(raw, out var token))
        {
            return (null, "the API key is malformed (keys look like wk_<16 hex digits>_<secret>)");
        }

        var key = await grains.GetGrain<IApiKeyGrain>(token.Id).AuthenticateAsync(token.Secret);
        return key is null ? (null, "the API key is unknown, revoked or expired") : (key, null);
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    private static string? BasicPassword(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? decoded[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
