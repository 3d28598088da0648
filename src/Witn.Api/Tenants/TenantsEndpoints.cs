using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Tenants;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Tenants;

namespace Witn.Api.Tenants;

/// <summary><c>/v1/tenants</c>: the customers being billed. Writes need admin; a tenant-restricted key sees only its tenant.</summary>
public static class TenantsEndpoints
{
    public static RouteGroupBuilder MapTenants(this RouteGroupBuilder v1, RouteGroupBuilder tenant)
    {
        var tenants = v1.MapGroup("/tenants").WithMetadata(KeyReach.Tenant).WithTags("Tenants");
        tenants.MapGet("/", ListAsync).RequireAuthorization(WitnPolicies.Read).WithSummary("List tenants by id, a page at a time (limit, after: a tenant id).");
        var one = tenant.MapGroup("").WithTags("Tenants");
        one.MapPut("", PutAsync).RequireAuthorization(WitnPolicies.Admin).WithMetadata(TenantAccessFilter.Creating)
            .RequestBody(typeof(PutTenantRequest), "application/json")
            .WithSummary("Create or update a tenant: 201 when created, 200 when updated.");
        one.MapGet("", GetAsync).RequireAuthorization(WitnPolicies.Read).WithSummary("One tenant.");
        return v1;
    }

    private static async Task<Results<Created<TenantResponse>, Ok<TenantResponse>, ProblemHttpResult>> PutAsync(
        string tenant, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<PutTenantRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var spec = new TenantSpec(body!.Name, body.Timezone, body.Sandbox, body.ClockStart, body.BackfillLimit, body.AutoFinalize, body.FinalizeGrace,
            body.DisputeAckWithin, body.DisputeResolveWithin, body.DisputeApprovalLimit, body.Stripe, body.Lago);
        var reply = await grains.GetGrain<ITenantGrain>(tenant).PutAsync(spec);
        if (reply.Tenant is null)
        {
            return Problems.Invalid($"the tenant request has {reply.Errors.Length} error(s)", [.. reply.Errors.Select(e => new InputError(e.Path, e.Message, e.Hint))]);
        }

        var response = TenantResponse.From(reply.Tenant);
        return reply.Created ? TypedResults.Created($"/v1/tenants/{tenant}", response) : TypedResults.Ok(response);
    }

    // A key restricted to a tenant lists only its own.
    private static async Task<Results<Ok<Page<TenantResponse>>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.AfterText(page, errors, "tenant id");
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "tenant");
        }

        var tenants = await grains.GetGrain<ITenantRegistryGrain>(0).ListAsync(TenantAccess.RestrictedTo(user), Paging.Fetch(limit), after);
        return TypedResults.Ok(Paging.Of(tenants, limit, t => t.Id, TenantResponse.From));
    }

    // The filter has found the tenant; it is read again for its current state.
    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(string tenant, IGrainFactory grains)
    {
        var found = await grains.GetGrain<ITenantGrain>(tenant).GetAsync();
        return found is null ? Problems.TenantNotFound(tenant) : TypedResults.Ok(TenantResponse.From(found));
    }
}
