using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Access;
using Witn.Domain.Access;

namespace Witn.Api.Security;

/// <summary>
/// Accepts <c>Authorization: Bearer &lt;key&gt;</c> (agents, scripts) and <c>Basic</c> with the key as the
/// password (browsers opening the dashboard). The key's own grain decides, so a revocation anywhere is
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

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return Fail("no API key was sent");
        }

        string? raw;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
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

        if (!ApiKeyToken.TryParse(raw, out var token))
        {
            return Fail("the API key is malformed (keys look like wk_<16 hex digits>_<secret>)");
        }

        var key = await grains.GetGrain<IApiKeyGrain>(token.Id).AuthenticateAsync(token.Secret);
        if (key is null)
        {
            return Fail("the API key is unknown, revoked or expired");
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
