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
using Witn.Api.Shadow;
using Witn.Domain.Common;
using Witn.Domain.Tenants;

namespace Witn.Api.Contracts;

/// <summary>
/// <c>/v1/tenants/{tenant}/contract</c>: what a tenant pays, as immutable versions. Putting needs admin, reading
/// needs read; a tenant-restricted key sees only its tenant (another tenant is a 404, as for tenants).
/// <c>?mode=shadow</c> puts and reads the tenant's shadow version (never priced live), which <c>promote</c> makes live.
/// </summary>
public static class ContractsEndpoints
{
    public static RouteGroupBuilder MapContracts(this RouteGroupBuilder tenant)
    {
        var contract = tenant.MapGroup("/contract").WithTags("Contracts");
        contract.MapPut("/", PutAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(null, "application/yaml", "text/yaml", "application/json")
            .WithSummary("Put the tenant's contract (YAML or JSON): 201 with the new version, its effective_from, currency and warnings; with ?mode=shadow a shadow version, never priced live.");
        contract.MapGet("/", GetAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's current contract (the version put last), or with ?at=<instant> the version in force then; with ?mode=shadow the current shadow version.");
        contract.MapPost("/promote", PromoteAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(typeof(PromoteRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Make the shadow version live from a period start (at), in one transaction; refused (409) beyond max_delta_percent of the current period unless force.");
        contract.MapGet("/versions", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The versions of the tenant's contract, oldest first, a page at a time (limit, after: a version number).");
        contract.MapGet("/versions/{version}", GetVersionAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("One immutable version of the tenant's contract.");
        return tenant;
    }

    private static async Task<Results<Created<ContractStoredResponse>, ProblemHttpResult>> PutAsync(
        string tenant, string? mode, HttpRequest request, IGrainFactory grains)
    {
        if (ParseMode(mode, out var shadow) is { } badMode)
        {
            return badMode;
        }

        var (text, format, problem) = await DocumentBody.ReadAsync(request, "contract");
        if (problem is not null)
        {
            return problem;
        }

        var grain = grains.GetGrain<IContractGrain>(tenant);
        var source = new ContractSource(text!, format);
        var reply = shadow ? await grain.PutShadowAsync(source) : await grain.PutAsync(source);
        if (reply.UnknownTenant)
        {
            return Problems.TenantNotFound(tenant);
        }

        if (reply.Stored is not { } stored)
        {
            return ContractProblems.InvalidContract([.. reply.Errors.Select(ContractErrorResponse.From)], [.. reply.Warnings.Select(ContractErrorResponse.From)]);
        }

        var location = shadow ? $"/v1/tenants/{tenant}/contract?mode=shadow" : $"/v1/tenants/{tenant}/contract/versions/{stored.Version}";
        return TypedResults.Created(location, ContractStoredResponse.From(stored, reply.Warnings));
    }

    private static async Task<Results<Ok<ContractVersionResponse>, ProblemHttpResult>> GetAsync(
        string tenant, string? at, string? mode, IGrainFactory grains)
    {
        if (ParseMode(mode, out var shadow) is { } badMode)
        {
            return badMode;
        }

        if (!QueryInstant.TryParse("at", at, out var instant, out var atError))
        {
            return Problems.Invalid(atError.Message, [atError]);
        }

        var grain = grains.GetGrain<IContractGrain>(tenant);
        if (shadow)
        {
            if (instant is not null)
            {
                return Problems.Invalid("'at' reads live versions only",
                    [new InputError("at", "'at' reads live versions only", "a tenant has one current shadow version: leave at out with mode=shadow")]);
            }

            return await grain.GetShadowAsync() is { } current
                ? TypedResults.Ok(ContractVersionResponse.From(current))
                : Problems.NotFound("Shadow contract", $"tenant '{tenant}' has no shadow contract version (none was put, or the last one was promoted); put one with PUT /v1/tenants/{tenant}/contract?mode=shadow");
        }

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

    private static async Task<Results<Created<ContractVersionResponse>, ProblemHttpResult>> PromoteAsync(string tenant, HttpRequest request, IGrainFactory grains)
    {
        var (promotion, problem) = await PromotionProblems.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var reply = await grains.GetGrain<IContractGrain>(tenant).PromoteAsync(promotion!);
        return reply.Contract is { } live
            ? TypedResults.Created($"/v1/tenants/{tenant}/contract/versions/{live.Version}", ContractVersionResponse.From(live))
            : PromotionProblems.Refused(reply, tenant);
    }

    // Live versions unless mode=shadow; anything else is a 400 naming mode.
    private static ProblemHttpResult? ParseMode(string? mode, out bool shadow)
    {
        shadow = mode == "shadow";
        return mode is null or "live" or "shadow"
            ? null
            : Problems.Invalid($"unknown mode '{mode}'", [new InputError("mode", $"unknown mode '{mode}'", "use mode=shadow for the shadow version, or leave mode out (or mode=live) for live versions")]);
    }

    private static ProblemHttpResult NoContract(string tenant) =>
        Problems.NotFound("Contract", $"tenant '{tenant}' has no contract yet; put one with PUT /v1/tenants/{tenant}/contract");
}
