using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Contracts;
using Witn.Abstractions.Tenants;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Outcomes;
using Witn.Api.Security;
using Witn.Domain.Common;
using Witn.Domain.Tenants;

namespace Witn.Api.Contracts;

/// <summary>
/// <c>/v1/tenants/{tenant}/contract</c>: what a tenant pays, as immutable versions. Putting needs admin, reading
/// needs read; a tenant-restricted key sees only its tenant (another tenant is a 404, as for tenants).
/// </summary>
public static class ContractsEndpoints
{
    public static RouteGroupBuilder MapContracts(this RouteGroupBuilder tenant)
    {
        var contract = tenant.MapGroup("/contract").WithTags("Contracts");
        contract.MapPut("/", PutAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(null, "application/yaml", "text/yaml", "application/json")
            .WithSummary("Put the tenant's contract (YAML or JSON): 201 with the new version, its effective_from, currency and warnings.");
        contract.MapGet("/", GetAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's current contract (the version put last), or with ?at=<instant> the version in force then.");
        contract.MapGet("/versions", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The versions of the tenant's contract, oldest first, a page at a time (limit, after: a version number).");
        contract.MapGet("/versions/{version}", GetVersionAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("One immutable version of the tenant's contract.");
        return tenant;
    }

    private static async Task<Results<Created<ContractStoredResponse>, ProblemHttpResult>> PutAsync(
        string tenant, HttpRequest request, IGrainFactory grains)
    {
        var (text, format, problem) = await DocumentBody.ReadAsync(request, "contract");
        if (problem is not null)
        {
            return problem;
        }

        var reply = await grains.GetGrain<IContractGrain>(tenant).PutAsync(new ContractSource(text!, format));
        if (reply.UnknownTenant)
        {
            return Problems.TenantNotFound(tenant);
        }

        if (reply.Stored is not { } stored)
        {
            return ContractProblems.InvalidContract([.. reply.Errors.Select(ContractErrorResponse.From)], [.. reply.Warnings.Select(ContractErrorResponse.From)]);
        }

        return TypedResults.Created($"/v1/tenants/{tenant}/contract/versions/{stored.Version}", ContractStoredResponse.From(stored, reply.Warnings));
    }

    private static async Task<Results<Ok<ContractVersionResponse>, ProblemHttpResult>> GetAsync(
        string tenant, string? at, IGrainFactory grains)
    {
        if (!QueryInstant.TryParse("at", at, out var instant, out var atError))
        {
            return Problems.Invalid(atError.Message, [atError]);
        }

        var grain = grains.GetGrain<IContractGrain>(tenant);
        var found = instant is { } when ? await grain.GetInForceAsync(when) : await grain.GetCurrentAsync();
        if (found is not null)
        {
            return TypedResults.Ok(ContractVersionResponse.From(found));
        }

        return instant is { } none
            ? Problems.NotFound("Contract", $"no contract of tenant '{tenant}' is in force at {none.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}; GET /v1/tenants/{tenant}/contract/versions lists when each version takes effect")
            : NoContract(tenant);
    }

    private static async Task<Results<Ok<Page<ContractVersionResponse>>, ProblemHttpResult>> ListAsync(string tenant, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "contract version number", a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "contract version");
        }

        var versions = await grains.GetGrain<IContractGrain>(tenant).ListVersionsAsync(Paging.Fetch(limit), after);
        return TypedResults.Ok(Paging.Of(versions, limit, v => v.Version.ToString(CultureInfo.InvariantCulture), ContractVersionResponse.From));
    }

    private static async Task<Results<Ok<ContractVersionResponse>, ProblemHttpResult>> GetVersionAsync(
        string tenant, string version, IGrainFactory grains)
    {
        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.Invalid($"'{version}' is not a version number",
                [new InputError("version", $"'{version}' is not a version number", $"versions are whole numbers from 1; GET /v1/tenants/{tenant}/contract/versions lists them")]);
        }

        if (await grains.GetGrain<IContractGrain>(tenant).GetVersionAsync(number) is { } found)
        {
            return TypedResults.Ok(ContractVersionResponse.From(found));
        }

        return Problems.NotFound("Contract version", $"tenant '{tenant}' has no contract version {number}; GET /v1/tenants/{tenant}/contract/versions lists them");
    }

    private static ProblemHttpResult NoContract(string tenant) =>
        Problems.NotFound("Contract", $"tenant '{tenant}' has no contract yet; put one with PUT /v1/tenants/{tenant}/contract");
}
