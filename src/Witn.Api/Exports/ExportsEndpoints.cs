using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Exports;
using Witn.Api.Http;
using Witn.Api.Invoices;
using Witn.Api.Security;
using Witn.Domain.Exports;

namespace Witn.Api.Exports;

/// <summary>
/// A finalized invoice's exports to Stripe and Lago (docs/payments.md): listed, and retried once the cause of a
/// failure is fixed. The invoice document carries them as <c>exports</c> (<c>GET …/invoices/{periodStart}</c>).
/// </summary>
public static class ExportsEndpoints
{
    public static RouteGroupBuilder MapExports(this RouteGroupBuilder tenant)
    {
        var exports = tenant.MapGroup("/invoices/{periodStart}/exports").WithTags("Invoices");
        exports.MapPost("/{provider}/retry", RetryAsync).RequireAuthorization(WitnPolicies.Admin)
            .WithSummary("Make the invoice's failed and dead exports to that provider due now, with a fresh retry limit (pending and exported ones are left alone).");
        return tenant;
    }

    /// <summary>The invoice's exports, for the invoice document's <c>exports</c> member.</summary>
    public static async Task<IReadOnlyList<ExportResponse>> ForInvoiceAsync(string tenant, DateOnly start, IGrainFactory grains) =>
        [.. (await grains.GetGrain<IExportGrain>(0).ForInvoiceAsync(tenant, start)).Select(ExportResponse.From)];

    private static async Task<Results<Ok<ExportRetryResponse>, ProblemHttpResult>> RetryAsync(string tenant, string periodStart, string provider, IGrainFactory grains)
    {
        if (InvoiceEndpoints.ParsePeriod(tenant, periodStart, out var bad) is not { } start)
        {
            return bad!;
        }

        if (!ExportNames.TryParseProvider(provider, out _))
        {
            return Problems.Invalid($"'{provider}' is not a provider", [new InputError("provider", $"'{provider}' is not a provider", $"use one of {string.Join(", ", ExportNames.Providers)}")]);
        }

        var reply = await grains.GetGrain<IExportGrain>(0).RetryAsync(tenant, start, provider);
        if (!reply.InvoiceFinal)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "invoice-not-final", "The invoice is not final",
                $"the invoice of {start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} for tenant '{tenant}' is not finalized, so nothing was exported; finalize it first (POST …/finalize)"));
        }

        return TypedResults.Ok(new ExportRetryResponse(reply.Retried, [.. reply.Exports.Select(ExportResponse.From)]));
    }
}
