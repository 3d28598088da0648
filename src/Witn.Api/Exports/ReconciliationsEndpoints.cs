using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Exports;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Exports;
using Witn.Domain.Tenants;

namespace Witn.Api.Exports;

/// <summary>
/// <c>/v1/reconciliations</c> (admin, the whole deployment; docs/payments.md#reconciliation): compare, line by line
/// and to the cent, what a provider holds for every exported invoice with the ledger. A run reports; it never corrects.
/// </summary>
public static class ReconciliationsEndpoints
{
    public const int MaxTenants = 1_000;

    public static RouteGroupBuilder MapReconciliations(this RouteGroupBuilder v1)
    {
        var runs = v1.MapGroup("/reconciliations").RequireAuthorization(WitnPolicies.Admin)
            .WithMetadata(KeyReach.Operator("every tenant's exports")).WithTags("Exports");
        runs.MapPost("/", CreateAsync).RequestBody(typeof(ReconciliationRequestBody), "application/json")
            .WithSummary("Start a reconciliation with a provider (optionally one period and some tenants); 202 with its status. A daily run happens by itself.");
        runs.MapGet("/{id}", GetAsync).WithSummary("A reconciliation's status and, once done, its counts per finding kind.");
        runs.MapGet("/{id}/findings", FindingsAsync)
            .WithSummary("A reconciliation's findings (matched, missing_at_provider, amount_mismatch, unknown_at_provider) with both sides' figures; kind= and tenant= filter; a page at a time (limit, after).");
        return v1;
    }

    private static async Task<Results<Accepted<ReconciliationResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReconciliationRequestBody>(request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new List<InputError>();
        if (!ExportNames.TryParseProvider(body!.Provider, out _))
        {
            errors.Add(new InputError("provider", body.Provider is null ? "provider is required" : $"'{body.Provider}' is not a provider", $"use one of {string.Join(", ", ExportNames.Providers)}"));
        }

        DateOnly? period = null;
        if (body.Period is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                period = date;
            }
            else
            {
                errors.Add(new InputError("period", $"'{text}' is not a date", "name the period by its local start date, e.g. 2026-11-01"));
            }
        }

        if (body.Tenants is { } tenants)
        {
            if (tenants.Count is 0 or > MaxTenants)
            {
                errors.Add(new InputError("tenants", $"tenants has {tenants.Count} entries", $"give 1 to {MaxTenants} tenant ids, or leave tenants out for all"));
            }

            for (var i = 0; i < tenants.Count && i < MaxTenants; i++)
            {
                if (!TenantIds.IsValid(tenants[i]))
                {
                    errors.Add(new InputError($"tenants[{i}]", $"'{tenants[i]}' is not a tenant id", $"use {TenantIds.Rule}"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the reconciliation request has {errors.Count} error(s)", errors);
        }

        var run = await grains.GetGrain<IReconciliationGrain>(0).CreateAsync(body.Provider!, period, body.Tenants?.Distinct(StringComparer.Ordinal).ToArray());
        return TypedResults.Accepted($"/v1/reconciliations/{run.Id}", ReconciliationResponse.From(run));
    }

    private static async Task<Results<Ok<ReconciliationResponse>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        await FindAsync(id, grains) switch
        {
            ({ } found, _) => TypedResults.Ok(ReconciliationResponse.From(found)),
            (_, var refused) => refused!,
        };

    private static async Task<Results<Ok<Page<ReconciliationFindingResponse>>, ProblemHttpResult>> FindingsAsync(
        string id, string? kind, string? tenant, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After<int>(page, errors, "finding (a next_after)", a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null);
        if (kind is not null && !ReconciliationNames.Kinds.Contains(kind))
        {
            errors.Add(new InputError("kind", $"'{kind}' is not a finding kind", $"use one of {string.Join(", ", ReconciliationNames.Kinds)}"));
        }

        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "finding");
        }

        var (found, refused) = await FindAsync(id, grains);
        if (found is null)
        {
            return refused!;
        }

        var rows = await grains.GetGrain<IReconciliationGrain>(0).FindingsAsync(found.Id, kind, tenant, after ?? 0, Paging.Fetch(limit));
        return TypedResults.Ok(Paging.Of(rows, limit, f => f.Seq.ToString(CultureInfo.InvariantCulture), ReconciliationFindingResponse.From));
    }

    private static async Task<(ReconciliationInfo? Found, ProblemHttpResult? Refused)> FindAsync(string id, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return (null, Problems.Invalid($"'{id}' is not a reconciliation id", [new InputError("id", $"'{id}' is not a reconciliation id", "use the id POST /v1/reconciliations returned")]));
        }

        return await grains.GetGrain<IReconciliationGrain>(0).GetAsync(guid) is { } run
            ? (run, null)
            : (null, Problems.NotFound("Reconciliation", $"no reconciliation has id {guid}"));
    }
}
