using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Disputes;
using Witn.Api.Http;
using Witn.Api.Pages;
using Witn.Domain.Disputes;
using Witn.Domain.Money;
using Witn.Domain.Tenants;

namespace Witn.Api.Portal;

/// <summary>
/// The portal's dispute pages: the form on a charge (and opening it), the account's disputes, one dispute with its
/// thread, a message and the withdrawal. They write through the same dispute grain as the API, always as the
/// customer, the session named as author (<see cref="PortalSession.Author"/>).
/// </summary>
public static class PortalDisputeEndpoints
{
    /// <summary>Disputes per page of the list.</summary>
    public const int DisputesPerPage = 100;

    public static RouteGroupBuilder MapDisputePages(this RouteGroupBuilder portal)
    {
        portal.MapGet("/charges/{id}/dispute", FormAsync);
        portal.MapPost("/charges/{id}/dispute", OpenAsync);
        portal.MapGet("/disputes", ListAsync);
        portal.MapGet("/disputes/{id}", DisputeAsync);
        portal.MapPost("/disputes/{id}/messages", MessageAsync);
        portal.MapPost("/disputes/{id}/withdraw", WithdrawAsync);
        return portal;
    }

    private static async Task<IResult> FormAsync(HttpContext http, string id, IGrainFactory grains, PortalSigner signer) =>
        await FormPageAsync(http, id, grains, signer, null, null, null, null, StatusCodes.Status200OK);

    private static async Task<IResult> OpenAsync(HttpContext http, string id, IGrainFactory grains, PortalSigner signer)
    {
        if (await PortalEndpoints.ChargeOfAsync(http, id, grains) is not { } found)
        {
            return PortalEndpoints.NotFound("Charge");
        }

        var (form, _) = await PageForm.ReadAsync(http.Request);
        var reason = PageForm.Field(form!, "reason");
        var message = PageForm.Field(form!, "message");
        var amountText = PageForm.Field(form!, "amount")?.Trim();
        decimal? amount = null;
        if (amountText is { Length: > 0 })
        {
            if (!AmountText.TryParse(amountText, out var parsed))
            {
                return await FormPageAsync(http, id, grains, signer, $"'{amountText}' is not an amount: {AmountText.Hint}, or leave it empty to dispute all that is still disputable",
                    reason, message, amountText, StatusCodes.Status400BadRequest);
            }

            amount = parsed;
        }

        var session = PortalSessionFilter.SessionOf(http);
        var reply = await grains.GetGrain<IDisputeGrain>(found.Charge.Id).OpenAsync(session.TenantId, new DisputeOpen(reason, message, amount, session.Author));
        return reply switch
        {
            { View: { } view } => new SeeOther(PortalRoutes.Dispute(session.TenantId, view.Dispute.Id)),
            { Refusal: { Kind: DisputeRefusalKind.Conflict, Existing: { } existing } } => new SeeOther(PortalRoutes.Dispute(session.TenantId, existing.Id)),
            { Refusal: { Kind: DisputeRefusalKind.NotFound } } => PortalEndpoints.NotFound("Charge"),
            { Refusal: { } refusal } => await FormPageAsync(http, id, grains, signer, Words(refusal), reason, message, amountText, Status(refusal)),
            _ => throw new InvalidOperationException("a dispute reply with neither a dispute nor a refusal"),
        };
    }

    private static async Task<IResult> FormPageAsync(HttpContext http, string id, IGrainFactory grains, PortalSigner signer,
        string? error, string? reason, string? message, string? amount, int status)
    {
        if (await PortalEndpoints.ChargeOfAsync(http, id, grains) is not { } found
            || await grains.GetGrain<IDisputeGrain>(found.Charge.Id).GetAsync(found.Tenant.Id) is not { } disputes)
        {
            return PortalEndpoints.NotFound("Charge");
        }

        var (tenant, charge) = found;
        var bundle = (await Witn.Api.Ledger.ChargeEvidence.CustomerViewAsync(grains, charge)).Bundle; // the customer's view, as on the evidence page
        return PageResult.Of<PortalDisputeFormPage>(new Dictionary<string, object?>
        {
            [nameof(PortalDisputeFormPage.Tenant)] = tenant.Id,
            [nameof(PortalDisputeFormPage.Account)] = tenant.Name,
            [nameof(PortalDisputeFormPage.Charge)] = disputes,
            [nameof(PortalDisputeFormPage.Outcome)] = charge.Outcome,
            [nameof(PortalDisputeFormPage.Correlation)] = bundle.Correlation,
            [nameof(PortalDisputeFormPage.Summary)] = bundle.Summary,
            [nameof(PortalDisputeFormPage.Csrf)] = await signer.CsrfTokenAsync(PortalSessionFilter.SessionOf(http)),
            [nameof(PortalDisputeFormPage.Error)] = error,
            [nameof(PortalDisputeFormPage.Reason)] = reason,
            [nameof(PortalDisputeFormPage.Message)] = message,
            [nameof(PortalDisputeFormPage.Amount)] = amount,
        }, status);
    }

    private static async Task<IResult> ListAsync(HttpContext http, string? after, IGrainFactory grains)
    {
        if (await PortalEndpoints.TenantAsync(http, grains) is not { } tenant)
        {
            return PortalEndpoints.NotFound("Account");
        }

        Guid? from = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var id))
            {
                return Problems.Invalid($"'{after}' is not a dispute", [new InputError("after", $"'{after}' is not an id", "follow the page's 'Next disputes' link")]);
            }

            from = id;
        }

        var disputes = await grains.GetGrain<IDisputeQueryGrain>(0).ListAsync(tenant.Id, null, null, DisputesPerPage + 1, from);
        if (disputes is null)
        {
            return PortalEndpoints.NotFound("Dispute");
        }

        var text = new CustomerText(grains);
        var page = new List<DisputeView>();
        foreach (var view in disputes.Take(DisputesPerPage))
        {
            page.Add(await text.OfDisputeAsync(view));
        }

        return PageResult.Of<PortalDisputesPage>(new Dictionary<string, object?>
        {
            [nameof(PortalDisputesPage.Tenant)] = tenant.Id,
            [nameof(PortalDisputesPage.Account)] = tenant.Name,
            [nameof(PortalDisputesPage.Disputes)] = page,
            [nameof(PortalDisputesPage.NextHref)] = disputes.Length > DisputesPerPage ? $"{PortalRoutes.Disputes(tenant.Id)}?after={page[^1].Dispute.Id:D}" : null,
            [nameof(PortalDisputesPage.Zone)] = PageTime.Zone(tenant.TimeZone),
        });
    }

    private static async Task<IResult> DisputeAsync(HttpContext http, string id, IGrainFactory grains, PortalSigner signer) =>
        await DisputeOfAsync(http, id, grains) is { } found
            ? await DisputePageAsync(http, found.Tenant, found.View, grains, signer, null, null, StatusCodes.Status200OK)
            : PortalEndpoints.NotFound("Dispute");

    private static async Task<IResult> MessageAsync(HttpContext http, string id, IGrainFactory grains, PortalSigner signer)
    {
        if (await DisputeOfAsync(http, id, grains) is not { } found)
        {
            return PortalEndpoints.NotFound("Dispute");
        }

        var (form, _) = await PageForm.ReadAsync(http.Request);
        var text = PageForm.Field(form!, "text");
        var session = PortalSessionFilter.SessionOf(http);
        var d = found.View.Dispute;
        var reply = await grains.GetGrain<IDisputeGrain>(d.ChargeId).AddMessageAsync(session.TenantId, d.Id, DisputeAuthor.Customer, session.Author, text);
        return reply.Refusal is { } refusal
            ? await DisputePageAsync(http, found.Tenant, found.View, grains, signer, Words(refusal), text, Status(refusal))
            : new SeeOther(PortalRoutes.Dispute(session.TenantId, d.Id));
    }

    private static async Task<IResult> WithdrawAsync(HttpContext http, string id, IGrainFactory grains, PortalSigner signer)
    {
        if (await DisputeOfAsync(http, id, grains) is not { } found)
        {
            return PortalEndpoints.NotFound("Dispute");
        }

        var session = PortalSessionFilter.SessionOf(http);
        var d = found.View.Dispute;
        var reply = await grains.GetGrain<IDisputeGrain>(d.ChargeId).WithdrawAsync(session.TenantId, d.Id, session.Author);
        return reply.Refusal is { } refusal
            ? await DisputePageAsync(http, found.Tenant, found.View, grains, signer, Words(refusal), null, Status(refusal))
            : new SeeOther(PortalRoutes.Dispute(session.TenantId, d.Id));
    }

    private static async Task<IResult> DisputePageAsync(HttpContext http, Tenant tenant, DisputeView view, IGrainFactory grains, PortalSigner signer, string? error, string? text, int status) =>
        PageResult.Of<PortalDisputePage>(new Dictionary<string, object?>
        {
            [nameof(PortalDisputePage.Tenant)] = tenant.Id,
            [nameof(PortalDisputePage.Account)] = tenant.Name,
            [nameof(PortalDisputePage.View)] = await new CustomerText(grains).OfDisputeAsync(view),
            [nameof(PortalDisputePage.Csrf)] = await signer.CsrfTokenAsync(PortalSessionFilter.SessionOf(http)),
            [nameof(PortalDisputePage.Zone)] = PageTime.Zone(tenant.TimeZone),
            [nameof(PortalDisputePage.Error)] = error,
            [nameof(PortalDisputePage.Text)] = text,
        }, status);

    /// <summary>The session's tenant and the dispute <paramref name="id"/> names, when it is a dispute of that tenant.</summary>
    private static async Task<(Tenant Tenant, DisputeView View)?> DisputeOfAsync(HttpContext http, string id, IGrainFactory grains)
    {
        if (!Guid.TryParseExact(id, "D", out var disputeId) || await PortalEndpoints.TenantAsync(http, grains) is not { } tenant)
        {
            return null;
        }

        var view = await grains.GetGrain<IDisputeQueryGrain>(0).GetAsync(disputeId);
        return view is not null && view.Dispute.TenantId == tenant.Id ? (tenant, view) : null;
    }

    private static string Words(DisputeRefusal refusal) => $"{refusal.Detail}; {refusal.Fix}";

    private static int Status(DisputeRefusal refusal) => refusal.Kind switch
    {
        DisputeRefusalKind.Conflict => StatusCodes.Status409Conflict,
        DisputeRefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        DisputeRefusalKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };
}
