using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Disputes;
using Witn.Abstractions.Ledger;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Access;
using Witn.Domain.Disputes;
using Witn.Domain.Money;

namespace Witn.Api.Disputes;

/// <summary>
/// Disputes (docs/disputes.md): a buyer's challenge of one charge, from opening to a credit, a rejection or a
/// withdrawal. Operators with <c>admin</c> or <c>disputes</c> keys work them; a credit above the tenant's approval
/// limit needs a second admin key. A restricted key sees only its tenant's disputes; another tenant's is not found.
/// </summary>
public static class DisputesEndpoints
{
    public static RouteGroupBuilder MapDisputes(this RouteGroupBuilder v1, RouteGroupBuilder tenant)
    {
        v1.MapPost("/charges/{id}/disputes", OpenAsync).WithMetadata(KeyReach.Tenant, PathValueForm.Uuid("id")).WithTags("Disputes")
            .RequireAuthorization(WitnPolicies.Disputes).RequestBody(typeof(OpenDisputeRequest), "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Dispute a charge, whole or in part: 201 with the dispute; 409 (with it) when the charge already has an open one.");
        var disputes = v1.MapGroup("/disputes/{id}").WithMetadata(KeyReach.Tenant, PathValueForm.Uuid("id")).WithTags("Disputes");
        disputes.MapGet("", GetAsync).RequireAuthorization(WitnPolicies.Read).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One dispute.");
        disputes.MapPost("/messages", MessageAsync).RequireAuthorization(WitnPolicies.Disputes)
            .RequestBody(typeof(DisputeMessageRequest), "application/json").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add a message to the dispute's thread, as the customer or the operator; an operator's first message takes it under review.");
        disputes.MapPost("/review", ReviewAsync).RequireAuthorization(WitnPolicies.Disputes)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Take the dispute under review (acknowledges it).");
        disputes.MapPost("/resolve", ResolveAsync).RequireAuthorization(WitnPolicies.Disputes)
            .RequestBody(typeof(ResolveDisputeRequest), "application/json").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Credit (whole or part) or reject the dispute. A credit above the approval limit becomes a proposal; the same call from a second admin key approves it.");
        disputes.MapPost("/approve", ApproveAsync).RequireAuthorization(WitnPolicies.Admin)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve the proposed credit with a second admin key (four eyes).");
        disputes.MapPost("/withdraw", WithdrawAsync).RequireAuthorization(WitnPolicies.Disputes)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Withdraw the dispute on the customer's behalf.");
        tenant.MapGroup("").WithTags("Disputes").MapGet("/disputes", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's disputes, oldest opened first, by status and overdue; a page at a time (limit, after: a dispute id).");
        return v1;
    }

    private static async Task<Results<Created<DisputeResponse>, ProblemHttpResult>> OpenAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (PathValues.ParseGuid(id, "id", out var chargeId) is { } invalid)
        {
            return invalid;
        }

        var charge = await grains.GetGrain<ILedgerQueryGrain>(0).GetChargeAsync(chargeId);
        if (charge is null || !TenantAccess.Allows(user, charge.TenantId))
        {
            return ChargeNotFound(chargeId);
        }

        var (body, problem) = await JsonBody.ReadAsync<OpenDisputeRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (Amount(body!.Amount, out var amount) is { } badAmount)
        {
            return badAmount;
        }

        var reply = await grains.GetGrain<IDisputeGrain>(chargeId).OpenAsync(charge.TenantId, new DisputeOpen(body.Reason, body.Message, amount, KeyId(user)));
        return reply.Refusal is { } refusal
            ? Refused(refusal, reply)
            : TypedResults.Created($"/v1/disputes/{reply.View!.Dispute.Id}", DisputeResponse.From(reply.View));
    }

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> GetAsync(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (PathValues.ParseGuid(id, "id", out var disputeId) is { } invalid)
        {
            return invalid;
        }

        return await FindAsync(disputeId, user, grains) is { } view ? TypedResults.Ok(DisputeResponse.From(view)) : DisputeNotFound(disputeId);
    }

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> MessageAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<DisputeMessageRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!DisputeNames.TryParseAuthor(body!.Author, out var kind))
        {
            var what = body.Author is null ? "author is missing" : $"'{body.Author}' is not an author";
            return Problems.Invalid(what, [new InputError("author", what, "use \"customer\" (relaying the customer) or \"operator\"")]);
        }

        return await CommandAsync(id, user, grains, (grain, tenant, disputeId, by) => grain.AddMessageAsync(tenant, disputeId, kind, by, body.Text));
    }

    private static Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> ReviewAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        CommandAsync(id, user, grains, (grain, tenant, disputeId, by) => grain.ReviewAsync(tenant, disputeId, by));

    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> ResolveAsync(string id, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResolveDisputeRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!DisputeNames.TryParseDecision(body!.Decision, out var decision))
        {
            var what = body.Decision is null ? "decision is missing" : $"'{body.Decision}' is not a decision";
            return Problems.Invalid(what, [new InputError("decision", what, "use \"credit\" or \"reject\"")]);
        }

        if (Amount(body.Amount, out var amount) is { } badAmount)
        {
            return badAmount;
        }

        var admin = IsAdmin(user);
        return await CommandAsync(id, user, grains, (grain, tenant, disputeId, by) =>
            ResolveCheckedAsync(grains, grain, tenant, disputeId, new DisputeDecision(decision, amount, body.Note, by), admin));
    }

    /// <summary>
    /// A decision on the dispute, as the API and the operator console make it: approving a proposed credit is the
    /// second admin's act, so a key without <c>admin</c> may propose a credit, not approve one.
    /// </summary>
    internal static async Task<DisputeReply> ResolveCheckedAsync(IGrainFactory grains, IDisputeGrain grain, string tenant, Guid disputeId, DisputeDecision decision, bool admin)
    {
        if (!admin && decision.Decision == DisputeDecisionKind.Credit
            && await grains.GetGrain<IDisputeQueryGrain>(0).GetAsync(disputeId) is { Dispute.Proposal: { } proposal } && (decision.Amount ?? proposal.Amount) == proposal.Amount)
        {
            return FourEyes();
        }

        return await grain.ResolveAsync(tenant, disputeId, decision);
    }

    private static Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> ApproveAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        CommandAsync(id, user, grains, (grain, tenant, disputeId, by) => grain.ApproveAsync(tenant, disputeId, by));

    private static Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> WithdrawAsync(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        CommandAsync(id, user, grains, (grain, tenant, disputeId, by) => grain.WithdrawAsync(tenant, disputeId, by));

    private static async Task<Results<Ok<Page<DisputeResponse>>, ProblemHttpResult>> ListAsync(
        string tenant, string? status, string? overdue, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        DisputeStatus? only = null;
        if (status is not null)
        {
            if (DisputeNames.TryParseStatus(status, out var parsed))
            {
                only = parsed;
            }
            else
            {
                errors.Add(new InputError("status", $"'{status}' is not a dispute status", $"use one of: {string.Join(", ", DisputeNames.StatusNames)}"));
            }
        }

        bool? late = overdue switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (overdue is not null and not "true" and not "false")
        {
            errors.Add(new InputError("overdue", $"'{overdue}' is not true or false", "use overdue=true (only overdue disputes) or overdue=false"));
        }

        var limit = Paging.Limit(page, errors);
        var after = Paging.After(page, errors, "dispute id", Paging.Uuid);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "dispute");
        }

        var rows = await grains.GetGrain<IDisputeQueryGrain>(0).ListAsync(tenant, only, late, Paging.Fetch(limit), after);
        return rows is null
            ? Paging.UnknownAfter(page.After!, "dispute")
            : TypedResults.Ok(Paging.Of(rows, limit, r => r.Dispute.Id.ToString(), DisputeResponse.From));
    }

    // Finds the dispute (its tenant and charge), then has the charge's grain carry out the command.
    private static async Task<Results<Ok<DisputeResponse>, ProblemHttpResult>> CommandAsync(
        string id, ClaimsPrincipal user, IGrainFactory grains, Func<IDisputeGrain, string, Guid, string, Task<DisputeReply>> command)
    {
        if (PathValues.ParseGuid(id, "id", out var disputeId) is { } invalid)
        {
            return invalid;
        }

        if (await FindAsync(disputeId, user, grains) is not { } view)
        {
            return DisputeNotFound(disputeId);
        }

        var reply = await command(grains.GetGrain<IDisputeGrain>(view.Dispute.ChargeId), view.Dispute.TenantId, disputeId, KeyId(user));
        return reply.Refusal is { } refusal ? Refused(refusal, reply) : TypedResults.Ok(DisputeResponse.From(reply.View!));
    }

    private static async Task<DisputeView?> FindAsync(Guid disputeId, ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IDisputeQueryGrain>(0).GetAsync(disputeId) is { } view && TenantAccess.Allows(user, view.Dispute.TenantId) ? view : null;

    private static ProblemHttpResult? Amount(string? text, out decimal? amount)
    {
        amount = null;
        if (text is null)
        {
            return null;
        }

        if (!AmountText.TryParse(text, out var parsed))
        {
            return Problems.Invalid($"'{text}' is not an amount", [new InputError("amount", $"'{text}' is not an amount", AmountText.Hint)]);
        }

        amount = parsed;
        return null;
    }

    private static string KeyId(ClaimsPrincipal user) => user.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "unknown";

    private static bool IsAdmin(ClaimsPrincipal user) =>
        user.FindAll(ApiKeyClaims.Scope).Any(c => ApiKeyScopes.TryParse(c.Value, out var s) && s == ApiKeyScope.Admin);

    private static DisputeReply FourEyes() => new(null, false, new DisputeRefusal(DisputeRefusalKind.Forbidden, "",
        "the credit is above the tenant's dispute approval limit and waits for a second admin key", "approve it with an admin key other than the one that proposed it"));

    /// <summary>A refused command as the API answers it (and the console's error page shows it).</summary>
    internal static ProblemHttpResult Refused(DisputeRefusal refusal, DisputeReply reply)
    {
        var errors = refusal.Field.Length > 0 ? new[] { new InputError(refusal.Field, refusal.Detail, refusal.Fix) } : null;
        var problem = refusal.Kind switch
        {
            DisputeRefusalKind.Invalid => Problems.Create(StatusCodes.Status400BadRequest, "invalid-request", "The request is invalid", refusal.Detail, errors ?? [new InputError("$", refusal.Detail, refusal.Fix)]),
            DisputeRefusalKind.NotFound => Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", $"{refusal.Detail}; {refusal.Fix}"),
            DisputeRefusalKind.Forbidden => Problems.Create(StatusCodes.Status403Forbidden, "four-eyes", "A second admin key must approve", $"{refusal.Detail}: {refusal.Fix}"),
            _ => Problems.Create(StatusCodes.Status409Conflict, "dispute-conflict", "The dispute's state does not allow this", $"{refusal.Detail}: {refusal.Fix}", errors),
        };
        if (refusal.Existing is not null && reply.View is { } existing)
        {
            problem.Extensions["dispute"] = DisputeResponse.From(existing);
        }

        return TypedResults.Problem(problem);
    }

    private static ProblemHttpResult ChargeNotFound(Guid id) =>
        Problems.NotFound("Charge", $"no charge {id} is visible to this key; list charges with GET /v1/tenants/{{tenant}}/charges");

    private static ProblemHttpResult DisputeNotFound(Guid id) =>
        Problems.NotFound("Dispute", $"no dispute {id} is visible to this key; list disputes with GET /v1/tenants/{{tenant}}/disputes");
}
