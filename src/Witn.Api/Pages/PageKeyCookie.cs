using Microsoft.AspNetCore.Http;

namespace Witn.Api.Pages;

/// <summary>
/// The API key a browser typed into the key form, kept in a cookie the browser sends with pages only: HttpOnly (no
/// script reads it), SameSite=Strict (no other site's link or form sends it), Secure over HTTPS, path <c>/v1</c>, gone
/// when the browser closes. It is accepted only for a GET of a page route that asks for HTML, so it can never make
/// an API call (no JSON read, no write) on the browser's behalf; the key itself is checked on every request like a
/// Bearer key, so revoking or expiring it ends the page session at once. The one exception to "GET only": a POST of
/// a page form behind <see cref="PageFormFilter"/> (the operator console's), which must come from this server's
/// pages and carry the key's CSRF token before its handler runs.
/// </summary>
public static class PageKeyCookie
{
    public const string Name = "witn_page_key";

    /// <summary>Pages live under /v1 (the invoice and evidence routes answer both JSON and HTML).</summary>
    public const string CookiePath = "/v1";

    /// <summary>The key from the cookie, when this request may use one: a GET of a page route asking for HTML, or a POST of a guarded page form.</summary>
    public static string? For(HttpContext context) =>
        context is not null && (HttpMethods.IsGet(context.Request.Method) || (HttpMethods.IsPost(context.Request.Method) && PageFormFilter.Guards(context.GetEndpoint())))
        && HtmlPages.Wanted(context) && context.Request.Cookies[Name] is { Length: > 0 } key ? key : null;

    public static void Set(HttpResponse response, string key)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Name, key, Options(response.HttpContext));
    }

    public static void Forget(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(Name, Options(response.HttpContext));
    }

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = CookiePath,
        IsEssential = true,
    };
}
