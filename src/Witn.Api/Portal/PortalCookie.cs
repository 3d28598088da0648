using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Witn.Api.Portal;

/// <summary>
/// The portal session cookie: the link's signed token, HttpOnly (no script reads it), SameSite=Lax (a link from the
/// vendor's mail opens the portal; another site's form does not carry it), Secure over HTTPS, ending with the link.
/// Its path is the tenant's portal, <c>/portal/{tenant}</c>, so one browser can hold the portals of several tenants
/// and a session's cookie is never even sent to another tenant's pages.
/// </summary>
public static class PortalCookie
{
    public const string Name = "witn_portal";

    public static string PathOf(string tenantId) => $"{PortalRoutes.Prefix}/{tenantId}";

    public static string? From(HttpRequest request) => request?.Cookies[Name] is { Length: > 0 } token ? token : null;

    public static void Set(HttpResponse response, string token, PortalSession session)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(session);
        var options = Options(response.HttpContext, session.TenantId);
        options.Expires = session.ExpiresAt;
        response.Cookies.Append(Name, token, options);
    }

    public static void Forget(HttpResponse response, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, Options(response.HttpContext, tenantId));
    }

    private static CookieOptions Options(HttpContext context, string tenantId) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        // Behind a proxy that ends TLS the silo sees plain HTTP; a configured https PublicUrl says the browser does not.
        Secure = context.Request.IsHttps
            || context.RequestServices.GetService<IOptions<PortalOptions>>()?.Value.PublicUrl?.Scheme == Uri.UriSchemeHttps,
        Path = PathOf(tenantId),
        IsEssential = true,
    };
}
