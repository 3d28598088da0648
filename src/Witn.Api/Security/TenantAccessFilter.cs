using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Witn.Api.Http;

namespace Witn.Api.Security;

/// <summary>
/// The tenant isolation rule run once for every route of the tenant group (<see cref="TenantRoutes.MapTenantGroup"/>),
/// before its handler: the route's <c>{tenant}</c> must be a well-formed id (else a 400 naming <c>tenant</c>) of a tenant
/// that exists and the key may see (else a 404, the same answer for both, so a restricted key learns nothing of other
/// tenants). A handler on the group never checks the tenant itself, so a route added to it cannot forget to.
/// Also endpoint metadata: the route table shows which routes it guards (<see cref="Guards"/>).
/// </summary>
public sealed class TenantAccessFilter : IEndpointFilter
{
    /// <summary>The filter of the tenant group: the tenant must exist.</summary>
    public static readonly TenantAccessFilter Existing = new(mustExist: true);

    /// <summary>Metadata for a route that creates the tenant (<c>PUT /v1/tenants/{tenant}</c>): the id is checked, its existence is not.</summary>
    public static readonly TenantAccessFilter Creating = new(mustExist: false);

    private TenantAccessFilter(bool mustExist) => MustExist = mustExist;

    public bool MustExist { get; }

    /// <summary>Whether the filter runs for the endpoint (it carries the filter as metadata).</summary>
    public static bool Guards(Endpoint endpoint) => endpoint?.Metadata.GetMetadata<TenantAccessFilter>() is not null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var endpoint = http.GetEndpoint();

        // The form of the other path values first: a malformed one is a 400 whichever tenant the path names.
        foreach (var form in endpoint?.Metadata.OfType<PathValueForm>() ?? [])
        {
            var text = http.Request.RouteValues[form.Name] as string ?? "";
            if ((form.Format == "uuid" ? PathValues.ParseGuid(text, form.Name, out _) : form.Type == "integer" ? PathValues.ParseIndex(text, form.Name, out _) : null) is { } bad)
            {
                return bad;
            }
        }

        var tenant = http.Request.RouteValues["tenant"] as string;
        var mustExist = endpoint?.Metadata.GetMetadata<TenantAccessFilter>()?.MustExist ?? true;
        var refused = mustExist
            ? await TenantAccess.RefuseAsync(http.User, tenant, http.RequestServices.GetRequiredService<IGrainFactory>())
            : TenantAccess.RefuseId(http.User, tenant);
        return refused ?? await next(context);
    }
}
