using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
    public static RouteGroupBuilder MapInvoices(this RouteGroupBuilder tenant)
    {
        var invoices = tenant.MapGroup("/invoices").WithTags("Invoices");
        invoices.MapGet("", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's billing periods, newest first, with status and total; a page at a time (limit, after: a period start date).");
        invoices.MapGet("/{periodStart}", GetAsync).RequireAuthorization(WitnPolicies.Read).WithHtmlPage()
            .ProducesDocument(StatusCodes.Status200OK, "The invoice: lines, totals and links to the charges behind them (docs/invoices.md).", html: true)
            .WithSummary("The invoice of the period starting on that local date: JSON, or a printable page with Accept: text/html.");
        invoices.MapPost("/{periodStart}/finalize", FinalizeAsync).RequireAuthorization(WitnPolicies.Admin)
            .ProducesDocument(StatusCodes.Status201Created, "Finalized now: the frozen invoice, with its Location.")
            .ProducesDocument(StatusCodes.Status200OK, "Already final: the same frozen invoice.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Freezes the invoice once the period has ended and the tenant's finalize_grace has passed (idempotent).");
        invoices.MapGet("/{periodStart}/lines/{line}/items", ItemsAsync).WithMetadata(PathValueForm.Index("line")).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The charges or credits behind one line, a page at a time (limit, after: a charge or credit id).");
        return tenant;
    }

    // The periods are computed (from the contract's start to now, at most Invoicer.MaxListed), not rows: the page is
    // cut from that list by its key, the period start, newest first.
    private static async Task<Results<Ok<Page<InvoiceSummaryResponse>>, ProblemHttpResult>> ListAsync(string tenant, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "period start date (yyyy-MM-dd)", ParseDate);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "invoice");
        }

        var list = await grains.GetGrain<IInvoiceGrain>(tenant).ListAsync();
        return list.Result == InvoiceResult.Ok
            ? TypedResults.Ok(Paging.Of(
                [.. list.Invoices.Where(s => after is not { } a || s.PeriodStart < a).Take(Paging.Fetch(limit))],
                limit, s => s.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s => InvoiceSummaryResponse.From(tenant, s)))
            : Problem(list.Result, tenant, list.Message!, list.Hint!);
    }

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static async Task<IResult> GetAsync(string tenant, string periodStart, HttpRequest request, IGrainFactory grains)
    {
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

        // The document as the grain wrote it (a final invoice is the stored bytes), then where it was handed on.
        return TypedResults.Content(WithExports(json, await Exports.ExportsEndpoints.ForInvoiceAsync(tenant, start, grains), request.HttpContext), "application/json; charset=utf-8");
    }

    // The stored document is kept byte for byte and the exports follow it as its last member: they change as the
    // exporter works, the invoice never does.
    private static string WithExports(string json, IReadOnlyList<Exports.ExportResponse> exports, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var end = json.LastIndexOf('}');
        return string.Concat(json.AsSpan(0, end), ",\"exports\":", System.Text.Json.JsonSerializer.Serialize(exports, options), json.AsSpan(end));
    }

    private static async Task<IResult> FinalizeAsync(string tenant, string periodStart, HttpRequest request, IGrainFactory grains)
    {
        if (ParsePeriod(tenant, periodStart, out var bad) is not { } start)
        {
            return bad!;
        }

        var reply = await grains.GetGrain<IInvoiceGrain>(tenant).FinalizeAsync(start);
        return reply switch
        {
            { Json: { } json, Result: InvoiceResult.Created } => new CreatedJson($"/v1/tenants/{tenant}/invoices/{periodStart}", WithExports(json, await Exports.ExportsEndpoints.ForInvoiceAsync(tenant, start, grains), request.HttpContext)),
            { Json: { } json } => TypedResults.Content(WithExports(json, await Exports.ExportsEndpoints.ForInvoiceAsync(tenant, start, grains), request.HttpContext), "application/json; charset=utf-8"),
            _ => Problem(reply.Result, tenant, reply.Message!, reply.Hint!),
        };
    }

    // The line's form is checked before the tenant (TenantAccessFilter, from its PathValueForm): a malformed path value is a 400 whichever tenant it names.
    private static async Task<Results<Ok<Page<LineItemResponse>>, ProblemHttpResult>> ItemsAsync(
        string tenant, string periodStart, string line, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        if (PathValues.ParseIndex(line, "line", out var lineIndex) is { } badLine)
        {
            return badLine;
        }

        if (ParsePeriod(tenant, periodStart, out var bad) is not { } start)
        {
            return bad!;
        }

        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "charge or credit id", Paging.Uuid);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "line item");
        }

        var items = await grains.GetGrain<IInvoiceGrain>(tenant).GetLineItemsAsync(start, lineIndex, after, Paging.Fetch(limit), summaries: true);
        return items.Result == InvoiceResult.Ok
            ? TypedResults.Ok(Paging.Of(items.Items, limit, i => i.Id.ToString(), LineItemResponse.From))
            : Problem(items.Result, tenant, items.Message!, items.Hint!);
    }

    /// <summary>
    /// The period's start date, or null and the problem: not a date, or a date outside the supported range.
    /// <paramref name="field"/> names the input in the problem (the shadow comparison takes it as <c>?period=</c>).
    /// </summary>
    internal static DateOnly? ParsePeriod(string tenant, string text, out ProblemHttpResult? problem, string field = "periodStart")
    {
        problem = null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            problem = Problems.Invalid($"'{text}' is not a date",
                [new InputError(field, $"'{text}' is not a date", $"name the period by its local start date, e.g. 2026-11-01 (GET /v1/tenants/{tenant}/invoices lists them)")]);
            return null;
        }

        if (!Instants.InRange(date))
        {
            var message = Instants.OutOfRange(field, text);
            problem = Problems.Invalid(message, [new InputError(field, message, Instants.RangeHint)]);
            return null;
        }

        return date;
    }

    internal static ProblemHttpResult Problem(InvoiceResult result, string tenant, string message, string hint, string field = "periodStart") => result switch
    {
        InvoiceResult.UnknownTenant => Problems.TenantNotFound(tenant),
        InvoiceResult.NoContract => TypedResults.Problem(Problems.Create(StatusCodes.Status404NotFound, "no-contract", "The tenant has no contract", $"{message}; {hint}")),
        InvoiceResult.NotAPeriodStart => Problems.Invalid(message, [new InputError(field, message, hint)]),
        InvoiceResult.NotFinalizable => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "period-not-ended", "The period cannot be finalized yet", $"{message}; {hint}")),
        InvoiceResult.UnknownLine => Problems.NotFound("Invoice line", $"{message}; {hint}"),
        InvoiceResult.UnknownAfter => Problems.Invalid(message, [new InputError("after", message, hint)]),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "not a problem result"),
    };
}
