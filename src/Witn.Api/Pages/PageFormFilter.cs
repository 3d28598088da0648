using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Witn.Api.Http;
using Witn.Api.Portal;
using Witn.Api.Security;

namespace Witn.Api.Pages;

/// <summary>
/// The gate of every page form an API key's holder sends (the operator console's), run before its handler: the form
/// must come from this server's own pages (Origin, Sec-Fetch-Site; else a 403 page), be a form (else a 400) and carry
/// the key's CSRF token (<see cref="PortalSigner.KeyCsrfTokenAsync"/>; else a 403 page). Only on routes it guards may
/// the page key cookie authenticate a POST (<see cref="PageKeyCookie.For"/>). Also endpoint metadata
/// (<see cref="Guards"/>). Added with <see cref="HtmlPages.WithPageForm{TBuilder}"/>.
/// </summary>
public sealed class PageFormFilter : IEndpointFilter
{
    public static readonly PageFormFilter Instance = new();

    private PageFormFilter()
    {
    }

    /// <summary>Whether the filter runs for the endpoint (it carries the filter as metadata).</summary>
    public static bool Guards(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<PageFormFilter>() is not null;

    /// <summary>The CSRF token the forms of a page shown to <paramref name="http"/>'s key carry.</summary>
    public static Task<string> TokenAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<PortalSigner>().KeyCsrfTokenAsync(KeyId(http));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return await next(context);
        }

        if (PageForm.CrossSite(http.Request) is { } site)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "cross-site-form", "The form was sent from another site",
                $"the form came from {site}; open the page on this server and send the form from it"));
        }

        var (form, problem) = await PageForm.ReadAsync(http.Request);
        if (form is null)
        {
            return problem;
        }

        var signer = http.RequestServices.GetRequiredService<PortalSigner>();
        if (!await signer.KeyCsrfMatchesAsync(KeyId(http), PageForm.Field(form, PageForm.CsrfField)))
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "page-form-token", "The form could not be checked",
                "the form did not carry this key's security token (it was sent from another page or site, or with another key); open the page again and send the form from it"));
        }

        return await next(context);
    }

    // Authorization ran before the filter: the key is authenticated.
    private static string KeyId(HttpContext http) =>
        http.User.FindFirst(ApiKeyClaims.KeyId)?.Value ?? throw new InvalidOperationException("a page form ran without an authenticated key");
}
