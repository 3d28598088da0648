using Microsoft.AspNetCore.Routing;

namespace Witn.Api.Portal;

/// <summary>The portal's dispute pages: the form on a charge, the tenant's disputes, one dispute with its thread.</summary>
public static class PortalDisputeEndpoints
{
    public static RouteGroupBuilder MapDisputePages(this RouteGroupBuilder portal) => portal;
}
