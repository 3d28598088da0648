using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Witn.Api.Http;
using Witn.Api.Pages;

namespace Witn.Api.Portal;

/// <summary>
/// The portal's one gate, run before every page of <c>/portal/{tenant}</c>: the session cookie must hold a valid
/// link token (else the 401 "link expired" page) of this very tenant (else a 404, as for any page that is not
/// there), and every POST must carry the session's CSRF token (else a 403 page). A handler on the group never
/// checks the session itself; it reads it with <see cref="SessionOf"/>.
/// </summary>
public sealed class PortalSessionFilter(PortalSigner signer, IOptions<PortalOptions> options) : IEndpointFilter
{
    private const string Item = "witn:portal_session";

    /// <summary>Endpoint metadata of the group the filter runs on, so the route table shows which routes it guards.</summary>
    public static readonly Type Marker = typeof(PortalSessionFilter);

    /// <summary>Whether the portal's session gate runs before the endpoint.</summary>
    public static bool Guards(Endpoint endpoint) => endpoint?.Metadata.Any(m => ReferenceEquals(m, Marker)) is true;

    /// <summary>The session the filter let through.</summary>
    public static PortalSession SessionOf(HttpContext context) =>
        context?.Items[Item] as PortalSession ?? throw new InvalidOperationException("a portal page ran without its session filter");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var tenant = http.Request.RouteValues["tenant"] as string ?? "";
        var token = PortalCookie.From(http.Request);
        var session = await signer.VerifyAsync(token);
        if (session is null)
        {
            if (token is not null && Witn.Domain.Tenants.TenantIds.IsValid(tenant))
            {
                PortalCookie.Forget(http.Response, tenant);
            }

            return Expired(options.Value.VendorName);
        }

        if (session.TenantId != tenant)
        {
            return Problems.NotFound("Page", "this portal link opens the pages of another account; open the link you were sent for this one");
        }

        if (HttpMethods.IsPost(http.Request.Method))
        {
            var (form, problem) = await PageForm.ReadAsync(http.Request);
            if (form is null)
            {
                return problem;
            }

            if (!await signer.CsrfMatchesAsync(session, PageForm.Field(form, PageForm.CsrfField)))
            {
                return TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "portal-form-token", "The form could not be checked",
                    "the form did not carry this session's security token (it was sent from another page or site, or the session changed); open the page again and send the form from it"));
            }
        }

        http.Items[Item] = session;
        return await next(context);
    }

    /// <summary>The 401 page of an expired, forged or malformed link (or of a page opened without one).</summary>
    public static PageResult Expired(string? vendor) =>
        PageResult.Of<PortalExpiredPage>(new Dictionary<string, object?> { [nameof(PortalExpiredPage.Vendor)] = vendor }, StatusCodes.Status401Unauthorized);
}
