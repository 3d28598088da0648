using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Witn.Api.Security;

/// <summary>The one route group of everything under <c>/v1/tenants/{tenant}</c>, guarded by <see cref="TenantAccessFilter"/>.</summary>
public static class TenantRoutes
{
    /// <summary>
    /// The group <c>/tenants/{tenant}</c> under <paramref name="v1"/>: tenant reach, and the tenant access filter on
    /// every route mapped on it. Map it once (<see cref="WitnApi.MapWitnApi"/>) and hand it to each feature.
    /// </summary>
    public static RouteGroupBuilder MapTenantGroup(this IEndpointRouteBuilder v1) =>
        v1.MapGroup("/tenants/{tenant}")
            .WithMetadata(KeyReach.Tenant, TenantAccessFilter.Existing)
            .AddEndpointFilter(TenantAccessFilter.Existing);
}
