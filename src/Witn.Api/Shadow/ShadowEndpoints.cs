using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Contracts;
using Witn.Abstractions.Invoices;
using Witn.Api.Invoices;
using Witn.Api.Security;

namespace Witn.Api.Shadow;

/// <summary>
/// <c>/v1/tenants/{tenant}/shadow</c>: a period live against shadow (docs/simulation.md, "Shadow billing and
/// promotion"), computed on request. Shadow versions are put and promoted through the contract routes.
/// </summary>
public static class ShadowEndpoints
{
    public static RouteGroupBuilder MapShadow(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/shadow", CompareAsync).RequireAuthorization(WitnPolicies.Read).WithTags("Shadow")
            .WithSummary("A billing period (?period=<local start date>, default the current one) live against shadow: per outcome type counts, amounts and delta, totals, and the outcomes billed differently.");
        return tenant;
    }

    private static async Task<Results<Ok<ShadowComparisonResponse>, ProblemHttpResult>> CompareAsync(string tenant, string? period, IGrainFactory grains)
    {
        DateOnly? start = null;
        if (period is not null)
        {
            if (InvoiceEndpoints.ParsePeriod(tenant, period, out var bad, "period") is not { } parsed)
            {
                return bad!;
            }

            start = parsed;
        }

        var reply = await grains.GetGrain<IContractGrain>(tenant).CompareShadowAsync(start);
        return reply is { Result: InvoiceResult.Ok, Comparison: { } comparison }
            ? TypedResults.Ok(ShadowComparisonResponse.From(comparison))
            : InvoiceEndpoints.Problem(reply.Result, tenant, reply.Message!, reply.Hint!, "period");
    }
}
