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
    public static RouteGroupBuilder MapTenants(this RouteGroupBuilder v1)
    {
        var tenants = v1.MapGroup("/tenants").WithMetadata(KeyReach.Tenant).WithTags("Tenants");
        tenants.MapPut("/{tenant}", PutAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(typeof(PutTenantRequest), "application/json")
            .WithSummary("Create or update a tenant: 201 when created, 200 when updated.");
        tenants.MapGet("/", ListAsync).RequireAuthorization(WitnPolicies.Read).WithSummary("List tenants.");
        tenants.MapGet("/{tenant}", GetAsync).RequireAuthorization(WitnPolicies.Read).WithSummary("One tenant.");
        return v1;
    }

    private static async Task<Results<Created<TenantResponse>, Ok<TenantResponse>, ProblemHttpResult>> PutAsync(
        string tenant, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var id = tenant;
        if (TenantAccess.CheckId(id, "tenant") is { } invalid)
        {
            return Problems.Invalid(invalid.Message, [invalid]);
        }

        if (!TenantAccess.Allows(user, id))
        {
            return Problems.TenantNotFound(id);
        }

        var (body, problem) = await JsonBody.ReadAsync<PutTenantRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var spec = new TenantSpec(body!.Name, body.Timezone, body.Sandbox, body.ClockStart, body.BackfillLimit, body.AutoFinalize, body.FinalizeGrace);
        var reply = await grains.GetGrain<ITenantGrain>(id).PutAsync(spec);
        if (reply.Tenant is null)
        {
            return Problems.Invalid($"the tenant request has {reply.Errors.Length} error(s)", [.. reply.Errors.Select(e => new InputError(e.Path, e.Message, e.Hint))]);
        }

        var response = TenantResponse.From(reply.Tenant);
        return reply.Created ? TypedResults.Created($"/v1/tenants/{id}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<TenantResponse[]>> ListAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<ITenantRegistryGrain>(0).ListAsync())
            .Where(t => TenantAccess.Allows(user, t.Id))
            .Select(TenantResponse.From)
            .ToArray());

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(string tenant, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (TenantAccess.CheckId(tenant, "tenant") is { } invalid)
        {
            return Problems.Invalid(invalid.Message, [invalid]);
        }

        // A key restricted to another tenant learns nothing, not even whether this tenant exists.
        var found = TenantAccess.Allows(user, tenant) ? await grains.GetGrain<ITenantGrain>(tenant).GetAsync() : null;
        return found is null ? Problems.TenantNotFound(tenant) : TypedResults.Ok(TenantResponse.From(found));
    }
}
