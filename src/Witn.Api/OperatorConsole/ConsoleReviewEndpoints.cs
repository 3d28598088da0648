using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Outcomes;
using Witn.Api.Http;
using Witn.Api.Outcomes;
using Witn.Api.Pages;
using Witn.Api.Security;
using Witn.Domain.Evaluation;

namespace Witn.Api.OperatorConsole;

/// <summary>
/// The review queue: the tenant's outcomes in review, each with approve and reject forms. A decision goes to the
/// outcome's grain as <c>POST /v1/tenants/{t}/reviews/…</c> sends it (an <c>admin</c> key, the key's name as the
/// reviewer), then back (303) to the queue with what was done.
/// </summary>
public static class ConsoleReviewEndpoints
{
    /// <summary>Outcomes the queue shows at once (the API's <c>GET /v1/reviews</c> pages through more).</summary>
    public const int Shown = 100;

    public static RouteGroupBuilder MapReviewPages(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/reviews", QueuePageAsync);
        tenant.MapPost("/reviews", DecideAsync).RequireAuthorization(WitnPolicies.Admin).WithPageForm();
        return tenant;
    }

    /// <summary>The outcomes waiting in review (as <c>GET /v1/reviews</c> reads them), and whether there are more than shown.</summary>
    internal static async Task<(IReadOnlyList<ConsoleReviewRow> Items, bool More)> QueueAsync(IGrainFactory grains, string tenant)
    {
        var listed = await grains.GetGrain<IOutcomeQueryGrain>(0).ListAsync(tenant, OutcomeStatuses.ToName(OutcomeStatus.InReview), null, null, Shown + 1, null, null);
        var views = await Task.WhenAll(listed.Take(Shown).Select(i => grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, i.Definition, i.Correlation)).GetAsync()));
        // An outcome decided since its row was read is left out.
        var rows = listed.Zip(views)
            .Where(p => StillInReview(p.Second))
            .Select(p => new ConsoleReviewRow(p.First.Definition, p.First.Correlation, p.Second!.Summary, p.First.QualifiedAt, p.Second.Events.Length))
            .ToList();
        return (rows, listed.Length > Shown);
    }

    private static bool StillInReview(OutcomeView? view) =>
        view is not null && System.Text.Json.JsonSerializer.Deserialize<OutcomeState>(view.StateJson)?.Status == OutcomeStatus.InReview;

    private static async Task<IResult> QueuePageAsync(HttpContext http, string tenant, IGrainFactory grains)
    {
        var t = await ConsoleEndpoints.TenantAsync(tenant, grains);
        var (items, more) = await QueueAsync(grains, t.Id);
        var admin = ConsoleEndpoints.IsAdmin(http.User);
        return PageResult.Of<ConsoleReviewsPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleReviewsPage.Tenant)] = t,
            [nameof(ConsoleReviewsPage.Items)] = items,
            [nameof(ConsoleReviewsPage.More)] = more,
            [nameof(ConsoleReviewsPage.Csrf)] = admin ? await PageFormFilter.TokenAsync(http) : null,
            [nameof(ConsoleReviewsPage.Flash)] = ConsoleFlash.Take(http),
            [nameof(ConsoleReviewsPage.Zone)] = PageTime.Zone(t.TimeZone),
            [nameof(ConsoleReviewsPage.Nav)] = ConsoleEndpoints.Nav(t, "reviews"),
        });
    }

    private static async Task<IResult> DecideAsync(HttpContext http, string tenant, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (form, _) = await PageForm.ReadAsync(http.Request);
        var definition = PageForm.Field(form!, "definition") ?? "";
        var correlation = PageForm.Field(form!, "correlation") ?? "";
        var decision = PageForm.Field(form!, "decision");
        var note = PageForm.Field(form!, "note") is { Length: > 0 } written ? written : null;
        if (OutcomeProblems.InvalidName(definition, "definition") is { } badDefinition)
        {
            return badDefinition;
        }

        if (correlation.Length == 0)
        {
            return Problems.Invalid("which outcome?", [new InputError("correlation", "the form names no outcome", "send the form of an outcome from the review queue")]);
        }

        ReviewVerdict? verdict = decision switch { "approve" => ReviewVerdict.Approve, "reject" => ReviewVerdict.Reject, _ => null };
        if (verdict is null)
        {
            return Problems.Invalid($"'{decision}' is not a decision",
                [new InputError("decision", decision is null ? "decision is missing" : $"'{decision}' is not a decision", "press Approve or Reject on the review queue")]);
        }

        if (await grains.GetGrain<IOutcomeDefinitionGrain>(definition).GetAsync() is null)
        {
            return OutcomeProblems.UnknownDefinition(definition);
        }

        // The reviewer is named as the API names it: the key's name.
        var by = user.FindFirst(ClaimTypes.Name)?.Value ?? user.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "unknown";
        var reply = await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, definition, correlation)).ReviewAsync(new ReviewRequest(verdict.Value, by, note));
        if (reply.Outcome is null)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "not-in-review", "The outcome is not waiting for review", reply.Problem ?? ""));
        }

        ConsoleFlash.Set(http.Response, $"{(verdict == ReviewVerdict.Approve ? "Approved" : "Rejected")} {definition} for {correlation}.");
        return new SeeOther(ConsoleRoutes.Reviews(tenant));
    }
}
