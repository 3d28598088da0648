using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Witn.Abstractions.Invoices;
using Witn.Abstractions.Ledger;
using Witn.Abstractions.Tenants;
using Witn.Api.Http;
using Witn.Api.Pages;
using Witn.Domain.Common;
using Witn.Domain.Tenants;

namespace Witn.Api.Portal;

/// <summary>
/// The customer portal's pages (docs/portal.md): <c>GET /portal/open</c> turns a signed link into a session cookie,
/// and everything under <c>/portal/{tenant}</c> is a page of that session's tenant, behind
/// <see cref="PortalSessionFilter"/>: invoices → one invoice → a line's outcomes → one outcome's evidence, and the
/// disputes (<see cref="PortalDisputeEndpoints"/>). No API key is involved: the session is the link.
/// </summary>
public static class PortalEndpoints
{
    /// <summary>Outcomes per page of a line.</summary>
    public const int ItemsPerPage = 100;

    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        app.MapGet(PortalRoutes.Open, OpenAsync).AllowAnonymous().WithHtmlPage().ExcludeFromDescription();
        var portal = app.MapGroup(PortalRoutes.Prefix + "/{tenant}").AllowAnonymous().WithHtmlPage().ExcludeFromDescription()
            .AddEndpointFilter<PortalSessionFilter>().WithMetadata(PortalSessionFilter.Marker);
        portal.MapGet("", HomeAsync);
        portal.MapGet("/invoices/{periodStart}", InvoiceAsync);
        portal.MapGet("/invoices/{periodStart}/lines/{line}", LineAsync);
        portal.MapGet("/charges/{id}", ChargeAsync);
        portal.MapDisputePages();
        return app;
    }

    /// <summary>The tenant a page is of, for its name and zone (the session filter has checked it).</summary>
    internal static async Task<Tenant?> TenantAsync(HttpContext http, IGrainFactory grains) =>
        await grains.GetGrain<ITenantGrain>(PortalSessionFilter.SessionOf(http).TenantId).GetAsync();

    internal static IResult NotFound(string what) =>
        Problems.NotFound(what, $"this account has no such {what.ToLowerInvariant()}; go back to the invoices and follow the links from there");

    internal static RenderFragment Nav(Tenant tenant, RenderFragment? actions = null) => builder =>
    {
        builder.OpenComponent<PortalNav>(0);
        builder.AddComponentParameter(1, nameof(PortalNav.Tenant), tenant.Id);
        builder.AddComponentParameter(2, nameof(PortalNav.Account), tenant.Name);
        if (actions is not null)
        {
            builder.AddComponentParameter(3, nameof(PortalNav.ChildContent), actions);
        }

        builder.CloseComponent();
    };

    internal static RenderFragment Link(string href, string text) => builder =>
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "class", "action");
        builder.AddAttribute(2, "href", href);
        builder.AddContent(3, text);
        builder.CloseElement();
    };

    /// <summary>The link: a valid token becomes the session cookie and the browser goes on (303) to a URL without it.</summary>
    private static async Task<IResult> OpenAsync(HttpContext http, PortalSigner signer, IOptions<PortalOptions> options)
    {
        var token = http.Request.Query["token"].ToString();
        if (await signer.VerifyAsync(token) is not { } session)
        {
            return PortalSessionFilter.Expired(options.Value.VendorName);
        }

        PortalCookie.Set(http.Response, token, session);
        return new SeeOther(PortalRoutes.Home(session.TenantId));
    }

    private static async Task<IResult> HomeAsync(HttpContext http, IGrainFactory grains, IOptions<PortalOptions> options)
    {
        if (await TenantAsync(http, grains) is not { } tenant)
        {
            return NotFound("Account");
        }

        var list = await grains.GetGrain<IInvoiceGrain>(tenant.Id).ListAsync();
        var rows = list.Result == InvoiceResult.Ok
            ? list.Invoices.Select(i => new PortalInvoiceRow(i.PeriodStart, i.Number, i.Status, Money(i.Total), i.Currency)).ToList()
            : [];
        return PageResult.Of<PortalInvoicesPage>(new Dictionary<string, object?>
        {
            [nameof(PortalInvoicesPage.Tenant)] = tenant.Id,
            [nameof(PortalInvoicesPage.Account)] = tenant.Name,
            [nameof(PortalInvoicesPage.Vendor)] = options.Value.VendorName,
            [nameof(PortalInvoicesPage.Invoices)] = rows,
        });
    }

    private static async Task<IResult> InvoiceAsync(HttpContext http, string periodStart, IGrainFactory grains)
    {
        if (await TenantAsync(http, grains) is not { } tenant || Period(periodStart) is not { } start)
        {
            return NotFound("Invoice");
        }

        var grain = grains.GetGrain<IInvoiceGrain>(tenant.Id);
        if ((await grain.GetAsync(start)).Json is not { } json)
        {
            return NotFound("Invoice");
        }

        var view = await new CustomerText(grains).OfInvoiceAsync(await InvoiceView.LoadAsync(json, grain, start, tenant));
        // Every line of outcomes links to its own page here (the API's page links to the JSON list only past 100).
        view = view with { Lines = [.. view.Lines.Select(l => l with { AllItemsHref = l.Count is null ? null : PortalRoutes.Line(tenant.Id, start, l.Line) })] };
        return PageResult.Of<InvoicePage>(new Dictionary<string, object?>
        {
            [nameof(InvoicePage.View)] = view,
            [nameof(InvoicePage.EvidenceHref)] = (Func<Guid, string>)(id => PortalRoutes.Charge(tenant.Id, id)),
            [nameof(InvoicePage.Nav)] = Nav(tenant),
        });
    }

    private static async Task<IResult> LineAsync(HttpContext http, string periodStart, string line, string? after, IGrainFactory grains)
    {
        if (await TenantAsync(http, grains) is not { } tenant || Period(periodStart) is not { } start || PathValues.ParseIndex(line, "line", out var index) is not null)
        {
            return NotFound("Invoice line");
        }

        Guid? from = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var id))
            {
                return Problems.Invalid($"'{after}' is not an outcome of this line", [new InputError("after", $"'{after}' is not an id", "follow the page's 'Next outcomes' link")]);
            }

            from = id;
        }

        var grain = grains.GetGrain<IInvoiceGrain>(tenant.Id);
        if ((await grain.GetAsync(start)).Json is not { } json)
        {
            return NotFound("Invoice");
        }

        var view = await InvoiceView.LoadAsync(json, grain, start, tenant);
        var items = await grain.GetLineItemsAsync(start, index, from, ItemsPerPage + 1, summaries: true);
        if (view.Lines.FirstOrDefault(l => l.Line == index) is not { Count: not null } shown || items.Result != InvoiceResult.Ok)
        {
            return NotFound("Invoice line");
        }

        var page = await new CustomerText(grains).OfItemsAsync(items.Items.Take(ItemsPerPage));
        return PageResult.Of<PortalLinePage>(new Dictionary<string, object?>
        {
            [nameof(PortalLinePage.Tenant)] = tenant.Id,
            [nameof(PortalLinePage.Account)] = tenant.Name,
            [nameof(PortalLinePage.PeriodStart)] = start,
            [nameof(PortalLinePage.Line)] = shown,
            [nameof(PortalLinePage.Currency)] = view.Currency,
            [nameof(PortalLinePage.Items)] = page,
            [nameof(PortalLinePage.NextHref)] = items.Items.Length > ItemsPerPage ? $"{PortalRoutes.Line(tenant.Id, start, index)}?after={page[^1].Id:D}" : null,
            [nameof(PortalLinePage.Zone)] = PageTime.Zone(tenant.TimeZone),
        });
    }

    private static async Task<IResult> ChargeAsync(HttpContext http, string id, IGrainFactory grains)
    {
        if (await ChargeOfAsync(http, id, grains) is not { } found)
        {
            return NotFound("Charge");
        }

        // The portal always shows the customer view: the definition's redact: paths hidden, each with its hash.
        var (tenant, charge) = found;
        var customer = await Witn.Api.Ledger.ChargeEvidence.CustomerViewAsync(grains, charge);
        var view = EvidenceView.ForCustomer(customer, tenant.Name, PageTime.Zone(tenant.TimeZone), charge.Amount, charge.Currency, charge.Id.ToString());
        return PageResult.Of<EvidencePage>(new Dictionary<string, object?>
        {
            [nameof(EvidencePage.View)] = view,
            [nameof(EvidencePage.Nav)] = Nav(tenant, Link(PortalRoutes.DisputeForm(tenant.Id, charge.Id), "Dispute this charge")),
        });
    }

    /// <summary>The session's tenant and the charge <paramref name="id"/> names, when it is a charge of that tenant.</summary>
    internal static async Task<(Tenant Tenant, ChargeInfo Charge)?> ChargeOfAsync(HttpContext http, string id, IGrainFactory grains)
    {
        if (!Guid.TryParseExact(id, "D", out var chargeId) || await TenantAsync(http, grains) is not { } tenant)
        {
            return null;
        }

        var charge = await grains.GetGrain<ILedgerQueryGrain>(0).GetChargeAsync(chargeId);
        return charge is not null && charge.TenantId == tenant.Id ? (tenant, charge) : null;
    }

    private static DateOnly? Period(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && Instants.InRange(date) ? date : null;

    private static decimal Money(string text) =>
        decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
