using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Invoices;
using Witn.Abstractions.Tenants;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Pages;
using Witn.Api.Security;
using Witn.Domain.Common;

namespace Witn.Api.Invoices;

/// <summary>
/// Invoices per billing period, named by the period's local start date: list, read (JSON, or a printable page with
/// <c>Accept: text/html</c>), finalize, and the ledger rows behind each line.
/// </summary>
public static class InvoiceEndpoints
{
    public static RouteGroupBuilder MapInvoices(this RouteGroupBuilder v1)
    {
        var invoices = v1.MapGroup("/tenants/{tenant}/invoices").WithMetadata(KeyReach.Tenant).WithTags("Invoices");
        invoices.MapGet("", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's billing periods, newest first, with status and total.");
        invoices.MapGet("/{periodStart}", GetAsync).RequireAuthorization(WitnPolicies.Read).WithHtmlPage()
            .ProducesDocument(StatusCodes.Status200OK, "The invoice: lines, totals and links to the charges behind them (docs/invoices.md).", html: true)
            .WithSummary("The invoice of the period starting on that local date: JSON, or a printable page with Accept: text/html.");
        invoices.MapPost("/{periodStart}/finalize", FinalizeAsync).RequireAuthorization(WitnPolicies.Admin)
            .ProducesDocument(StatusCodes.Status201Created, "Finalized now: the frozen invoice, with its Location.")
            .ProducesDocument(StatusCodes.Status200OK, "Already final: the same frozen invoice.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Freezes the invoice once the period has ended and the tenant's finalize_grace has passed (idempotent).");
        invoices.MapGet("/{periodStart}/lines/{line}/items", ItemsAsync).WithMetadata(PathValueForm.Index("line")).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The charges or credits behind one line, a page at a time.");
        return v1;
    }

    private static async Task<Results<Ok<InvoiceSummaryResponse[]>, ProblemHttpResult>> ListAsync(string tenant, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        var list = await grains.GetGrain<IInvoiceGrain>(tenant).ListAsync();
        return list.Result == InvoiceResult.Ok
            ? TypedResults.Ok(list.Invoices.Select(s => InvoiceSummaryResponse.From(tenant, s)).ToArray())
            : Problem(list.Result, tenant, list.Message!, list.Hint!);
    }

    private static async Task<IResult> GetAsync(string tenant, string periodStart, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        if (ParsePeriod(tenant, periodStart, out var bad) is not { } start)
        {
            return bad!;
        }

        var grain = grains.GetGrain<IInvoiceGrain>(tenant);
        var reply = await grain.GetAsync(start);
        if (reply.Json is not { } json)
        {
            return Problem(reply.Result, tenant, reply.Message!, reply.Hint!);
        }

        if (HtmlPages.Wanted(request.HttpContext) && await grains.GetGrain<ITenantGrain>(tenant).GetAsync() is { } billed)
        {
            var view = await InvoiceView.LoadAsync(json, grain, start, billed);
            return PageResult.Of<InvoicePage>(new Dictionary<string, object?> { [nameof(InvoicePage.View)] = view });
        }

        // The document as the grain wrote it: a final invoice is the stored bytes.
        return TypedResults.Content(json, "application/json; charset=utf-8");
    }

    private static async Task<IResult> FinalizeAsync(string tenant, string periodStart, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        if (ParsePeriod(tenant, periodStart, out var bad) is not { } start)
        {
            return bad!;
        }

        var reply = await grains.GetGrain<IInvoiceGrain>(tenant).FinalizeAsync(start);
        return reply switch
        {
            { Json: { } json, Result: InvoiceResult.Created } => new CreatedJson($"/v1/tenants/{tenant}/invoices/{periodStart}", json),
            { Json: { } json } => TypedResults.Content(json, "application/json; charset=utf-8"),
            _ => Problem(reply.Result, tenant, reply.Message!, reply.Hint!),
        };
    }

    private static async Task<Results<Ok<LineItemResponse[]>, ProblemHttpResult>> ItemsAsync(
        string tenant, string periodStart, string line, long? skip, int? take, ClaimsPrincipal user, IGrainFactory grains)
    {
        // The line's form first: a malformed path value is a 400 whichever tenant it names.
        if (PathValues.ParseIndex(line, "line", out var lineIndex) is { } badLine)
        {
            return badLine;
        }

        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        if (ParsePeriod(tenant, periodStart, out var bad) is not { } start)
        {
            return bad!;
        }

        if (skip is < 0)
        {
            return Problems.Invalid($"skip {skip} is negative", [new InputError("skip", $"skip {skip} is negative", "give 0 or more rows to skip")]);
        }

        if (Paging.CheckLimit("take", take) is { } takeError)
        {
            return Problems.Invalid(takeError.Message, [takeError]);
        }

        var items = await grains.GetGrain<IInvoiceGrain>(tenant).GetLineItemsAsync(start, lineIndex, skip ?? 0, take ?? Paging.DefaultLimit, summaries: true);
        return items.Result == InvoiceResult.Ok
            ? TypedResults.Ok(items.Items.Select(LineItemResponse.From).ToArray())
            : Problem(items.Result, tenant, items.Message!, items.Hint!);
    }

    /// <summary>The period's start date, or null and the problem: not a date, or a date outside the supported range.</summary>
    private static DateOnly? ParsePeriod(string tenant, string text, out ProblemHttpResult? problem)
    {
        problem = null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem = Problems.Invalid($"'{text}' is not a date",
                [new InputError("periodStart", $"'{text}' is not a date", $"name the period by its local start date, e.g. 2026-11-01 (GET /v1/tenants/{tenant}/invoices lists them)")]);
            return null;
        }

        if (!Instants.InRange(date))
        {
            var message = Instants.OutOfRange("periodStart", text);
            problem = Problems.Invalid(message, [new InputError("periodStart", message, Instants.RangeHint)]);
            return null;
        }

        return date;
    }

    private static ProblemHttpResult Problem(InvoiceResult result, string tenant, string message, string hint) => result switch
    {
        InvoiceResult.UnknownTenant => Problems.TenantNotFound(tenant),
        InvoiceResult.NoContract => TypedResults.Problem(Problems.Create(StatusCodes.Status404NotFound, "no-contract", "The tenant has no contract", $"{message}; {hint}")),
        InvoiceResult.NotAPeriodStart => Problems.Invalid(message, [new InputError("periodStart", message, hint)]),
        InvoiceResult.NotFinalizable => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "period-not-ended", "The period cannot be finalized yet", $"{message}; {hint}")),
        InvoiceResult.UnknownLine => Problems.NotFound("Invoice line", $"{message}; {hint}"),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "not a problem result"),
    };
}
