using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Ledger;
using Witn.Abstractions.Tenants;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Pages;
using Witn.Api.Security;
using Witn.Domain.Evidence;

namespace Witn.Api.Ledger;

/// <summary>The ledger, read-only: charges, credits and the evidence behind each charge.</summary>
public static class LedgerEndpoints
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder v1, RouteGroupBuilder tenant)
    {
        var tenants = tenant.MapGroup("").WithTags("Ledger");
        tenants.MapGet("/charges", ListChargesAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's charges by qualification time, optionally those qualified in [from, to); a page at a time (limit, after: a charge id).");
        tenants.MapGet("/credits", ListCreditsAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's credits, oldest first; a page at a time (limit, after: a credit id).");
        var charges = v1.MapGroup("/charges").WithMetadata(KeyReach.Tenant).WithTags("Ledger");
        charges.MapGet("/{id}", GetChargeAsync).WithMetadata(PathValueForm.Uuid("id")).RequireAuthorization(WitnPolicies.Read).WithSummary("One charge.");
        charges.MapGet("/{id}/evidence", GetEvidenceAsync).WithMetadata(PathValueForm.Uuid("id")).RequireAuthorization(WitnPolicies.Read).WithHtmlPage()
            .ProducesDocument(StatusCodes.Status200OK, "The evidence bundle: events, transitions and definition that made the charge; admin and disputes keys get it in full, other keys the customer view with the definition's redact: paths hidden and hashed (docs/evidence.md).", html: true)
            .WithSummary("The charge's evidence bundle: JSON, or a readable page with Accept: text/html; view=customer shows what the customer sees, view=full (admin and disputes keys) everything.");
        return v1;
    }

    private static async Task<Results<Ok<Page<ChargeResponse>>, ProblemHttpResult>> ListChargesAsync(
        string tenant, string? from, string? to, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        if (!QueryInstant.TryParse("from", from, out var since, out var fromError))
        {
            errors.Add(fromError);
        }

        if (!QueryInstant.TryParse("to", to, out var until, out var toError))
        {
            errors.Add(toError);
        }

        if (since is { } f && until is { } t && t < f)
        {
            errors.Add(new InputError("to", "'to' is before 'from'", "give 'to' at or after 'from'"));
        }

        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "charge id", Paging.Uuid);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "charge");
        }

        var charges = await grains.GetGrain<ILedgerQueryGrain>(0).ListChargesAsync(tenant, since, until, Paging.Fetch(limit), after);
        return charges is null
            ? Paging.UnknownAfter(page.After!, "charge")
            : TypedResults.Ok(Paging.Of(charges, limit, c => c.Id.ToString(), ChargeResponse.From));
    }

    private static async Task<Results<Ok<Page<CreditResponse>>, ProblemHttpResult>> ListCreditsAsync(
        string tenant, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "credit id", Paging.Uuid);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "credit");
        }

        var credits = await grains.GetGrain<ILedgerQueryGrain>(0).ListCreditsAsync(tenant, Paging.Fetch(limit), after);
        return credits is null
            ? Paging.UnknownAfter(page.After!, "credit")
            : TypedResults.Ok(Paging.Of(credits, limit, c => c.Id.ToString(), CreditResponse.From));
    }

    private static async Task<Results<Ok<ChargeResponse>, ProblemHttpResult>> GetChargeAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (PathValues.ParseGuid(id, "id", out var chargeId) is { } invalid)
        {
            return invalid;
        }

        var charge = await grains.GetGrain<ILedgerQueryGrain>(0).GetChargeAsync(chargeId);
        return charge is not null && TenantAccess.Allows(user, charge.TenantId) ? TypedResults.Ok(ChargeResponse.From(charge)) : ChargeNotFound(chargeId);
    }

    private static async Task<IResult> GetEvidenceAsync(string id, string? view, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (PathValues.ParseGuid(id, "id", out var chargeId) is { } invalid)
        {
            return invalid;
        }

        if (view is not (null or "full" or "customer"))
        {
            return Problems.Invalid($"'{view}' is not an evidence view", [new InputError("view", $"'{view}' is not an evidence view", "use view=customer to see what the customer sees, or view=full (admin and disputes keys); leave it out for the view your key gets")]);
        }

        var full = ChargeEvidence.SeesFull(user);
        if (view == "full" && !full)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "The API key does not allow this",
                "this key sees the customer view of evidence, with the definition's redact: paths hidden; the full bundle needs an admin or disputes key (leave out view, or use view=customer)",
                [new InputError("view", "the full view needs an admin or disputes key", "leave out view or use view=customer")]));
        }

        var charge = await grains.GetGrain<ILedgerQueryGrain>(0).GetChargeAsync(chargeId);
        if (charge is null || !TenantAccess.Allows(user, charge.TenantId))
        {
            return ChargeNotFound(chargeId);
        }

        // Operators get the full bundle unless they ask to see what the customer sees; everyone else the customer view.
        var customer = view == "customer" || !full ? await ChargeEvidence.CustomerViewAsync(grains, charge) : null;
        var bundle = customer?.Bundle ?? EvidenceJson.Read(charge.EvidenceJson);
        if (HtmlPages.Wanted(request.HttpContext))
        {
            var tenant = await grains.GetGrain<ITenantGrain>(charge.TenantId).GetAsync();
            var (name, zone) = (tenant?.Name ?? charge.TenantId, PageTime.Zone(tenant?.TimeZone));
            var page = customer is null
                ? new EvidenceView(bundle, name, zone, charge.Amount, charge.Currency, charge.Id.ToString())
                : EvidenceView.ForCustomer(customer, name, zone, charge.Amount, charge.Currency, charge.Id.ToString());
            return PageResult.Of<EvidencePage>(new Dictionary<string, object?> { [nameof(EvidencePage.View)] = page });
        }

        // The stored bundle as written (jsonb may reorder members; rewriting restores the documented order).
        var json = customer is null ? EvidenceJson.Write(bundle) : EvidenceJson.Write(customer);
        return TypedResults.Content(json, "application/json; charset=utf-8");
    }

    private static ProblemHttpResult ChargeNotFound(Guid id) =>
        Problems.NotFound("Charge", $"no charge {id} is visible to this key; list charges with GET /v1/tenants/{{tenant}}/charges");
}
