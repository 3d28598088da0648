using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Disputes;
using Witn.Api.Disputes;
using Witn.Api.Http;
using Witn.Api.Pages;
using Witn.Api.Security;
using Witn.Domain.Disputes;
using Witn.Domain.Money;

namespace Witn.Api.OperatorConsole;

/// <summary>
/// The dispute queue (open and under review, overdue first, then by the next due date) and one dispute's page with
/// its thread and forms for an operator message, review and resolution. Every form goes to the dispute's grain
/// through the calls <c>/v1/disputes/{id}/…</c> make (<see cref="DisputesEndpoints"/>), the key id as the author,
/// then back (303) to the dispute with what was done; a refusal is the API's problem, as a page.
/// </summary>
public static class ConsoleDisputeEndpoints
{
    /// <summary>Disputes of each open status the queue reads (the API's list pages through more).</summary>
    public const int PerStatus = 500;

    public static RouteGroupBuilder MapDisputePages(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/disputes", QueuePageAsync);
        var dispute = tenant.MapGroup("/disputes/{id}").WithMetadata(PathValueForm.Uuid("id"));
        dispute.MapGet("", DisputeAsync);
        dispute.MapPost("/messages", MessageAsync).WithPageForm();
        dispute.MapPost("/review", ReviewAsync).WithPageForm();
        dispute.MapPost("/resolve", ResolveAsync).WithPageForm();
        return tenant;
    }

    /// <summary>When a dispute is next due: its acknowledgement until it is acknowledged, then its resolution.</summary>
    public static DateTimeOffset NextDue(Dispute dispute)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return dispute.AcknowledgedAt is null ? dispute.AckDueBy : dispute.ResolveDueBy;
    }

    /// <summary>The tenant's disputes not yet closed, overdue first, then soonest due; and whether some were not read.</summary>
    internal static async Task<(IReadOnlyList<DisputeView> Disputes, bool More)> QueueAsync(IGrainFactory grains, string tenant)
    {
        var query = grains.GetGrain<IDisputeQueryGrain>(0);
        var open = await query.ListAsync(tenant, DisputeStatus.Open, null, PerStatus + 1, null) ?? [];
        var reviewed = await query.ListAsync(tenant, DisputeStatus.UnderReview, null, PerStatus + 1, null) ?? [];
        var queue = open.Take(PerStatus).Concat(reviewed.Take(PerStatus))
            .OrderByDescending(v => v.Overdue).ThenBy(v => NextDue(v.Dispute)).ThenBy(v => v.Dispute.OpenedAt).ToList();
        return (queue, open.Length > PerStatus || reviewed.Length > PerStatus);
    }

    private static async Task<IResult> QueuePageAsync(string tenant, IGrainFactory grains, TimeProvider time)
    {
        var t = await ConsoleEndpoints.TenantAsync(tenant, grains);
        var (disputes, more) = await QueueAsync(grains, t.Id);
        return PageResult.Of<ConsoleDisputesPage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleDisputesPage.Tenant)] = t,
            [nameof(ConsoleDisputesPage.Disputes)] = disputes,
            [nameof(ConsoleDisputesPage.More)] = more,
            [nameof(ConsoleDisputesPage.Now)] = t.Now(time),
            [nameof(ConsoleDisputesPage.Nav)] = ConsoleEndpoints.Nav(t, "disputes"),
        });
    }

    private static async Task<IResult> DisputeAsync(HttpContext http, string tenant, string id, IGrainFactory grains)
    {
        if (await FindAsync(tenant, id, grains) is not { } view)
        {
            return NotFound(tenant, id);
        }

        var t = await ConsoleEndpoints.TenantAsync(tenant, grains);
        return PageResult.Of<ConsoleDisputePage>(new Dictionary<string, object?>
        {
            [nameof(ConsoleDisputePage.Tenant)] = t,
            [nameof(ConsoleDisputePage.View)] = view,
            [nameof(ConsoleDisputePage.Csrf)] = await PageFormFilter.TokenAsync(http),
            [nameof(ConsoleDisputePage.Admin)] = ConsoleEndpoints.IsAdmin(http.User),
            [nameof(ConsoleDisputePage.Flash)] = ConsoleFlash.Take(http),
            [nameof(ConsoleDisputePage.Nav)] = ConsoleEndpoints.Nav(t, "disputes"),
        });
    }

    private static async Task<IResult> MessageAsync(HttpContext http, string tenant, string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (form, _) = await PageForm.ReadAsync(http.Request);
        var text = PageForm.Field(form!, "text");
        return await CommandAsync(http, tenant, id, grains, (grain, d) => grain.AddMessageAsync(tenant, d.Id, DisputeAuthor.Operator, KeyId(user), text), _ => "Message sent.");
    }

    private static Task<IResult> ReviewAsync(HttpContext http, string tenant, string id, ClaimsPrincipal user, IGrainFactory grains) =>
        CommandAsync(http, tenant, id, grains, (grain, d) => grain.ReviewAsync(tenant, d.Id, KeyId(user)), _ => "Taken under review.");

    private static async Task<IResult> ResolveAsync(HttpContext http, string tenant, string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (form, _) = await PageForm.ReadAsync(http.Request);
        var decisionText = PageForm.Field(form!, "decision");
        if (!DisputeNames.TryParseDecision(decisionText, out var decision))
        {
            var what = decisionText is null ? "decision is missing" : $"'{decisionText}' is not a decision";
            return Problems.Invalid(what, [new InputError("decision", what, "choose Credit or Reject on the dispute's page")]);
        }

        decimal? amount = null;
        if (PageForm.Field(form!, "amount")?.Trim() is { Length: > 0 } amountText)
        {
            if (decision != DisputeDecisionKind.Credit || !AmountText.TryParse(amountText, out var parsed))
            {
                var what = decision == DisputeDecisionKind.Credit ? $"'{amountText}' is not an amount" : "a rejection credits no amount";
                return Problems.Invalid(what, [new InputError("amount", what, decision == DisputeDecisionKind.Credit ? $"{AmountText.Hint}, or leave it empty to credit the amount disputed" : "leave the amount empty to reject")]);
            }

            amount = parsed;
        }

        var note = PageForm.Field(form!, "note");
        var admin = ConsoleEndpoints.IsAdmin(user);
        return await CommandAsync(http, tenant, id, grains,
            (grain, d) => DisputesEndpoints.ResolveCheckedAsync(grains, grain, tenant, d.Id, new DisputeDecision(decision, amount, note, KeyId(user)), admin),
            done => done.Dispute switch
            {
                { Status: DisputeStatus.Credited, Resolution: { } r } => $"Credited {MoneyText.Code(r.Amount, done.Dispute.Currency)}.",
                { Status: DisputeStatus.Rejected } => "Rejected.",
                { Proposal: { } p } => $"Proposed a credit of {MoneyText.Code(p.Amount, done.Dispute.Currency)}: it is above the tenant's approval limit and waits for a second admin key.",
                _ => "Done.",
            });
    }

    // Finds the tenant's dispute, has its charge's grain carry out the command, and goes back to the dispute's page.
    private static async Task<IResult> CommandAsync(HttpContext http, string tenant, string id, IGrainFactory grains,
        Func<IDisputeGrain, Dispute, Task<DisputeReply>> command, Func<DisputeView, string> done)
    {
        if (await FindAsync(tenant, id, grains) is not { } view)
        {
            return NotFound(tenant, id);
        }

        var reply = await command(grains.GetGrain<IDisputeGrain>(view.Dispute.ChargeId), view.Dispute);
        if (reply.Refusal is { } refusal)
        {
            return DisputesEndpoints.Refused(refusal, reply);
        }

        ConsoleFlash.Set(http.Response, done(reply.View!));
        return new SeeOther(ConsoleRoutes.Dispute(tenant, view.Dispute.Id));
    }

    private static async Task<DisputeView?> FindAsync(string tenant, string id, IGrainFactory grains) =>
        Guid.TryParseExact(id, "D", out var disputeId) && await grains.GetGrain<IDisputeQueryGrain>(0).GetAsync(disputeId) is { } view
        && view.Dispute.TenantId == tenant ? view : null;

    private static IResult NotFound(string tenant, string id) =>
        Problems.NotFound("Dispute", $"tenant '{tenant}' has no dispute {id}; open it from the dispute queue, {ConsoleRoutes.Disputes(tenant)}");

    private static string KeyId(ClaimsPrincipal user) => user.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "unknown";
}
