using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Outcomes;
using Witn.Abstractions.Tenants;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Outcomes;
using Witn.Api.Security;
using Witn.Domain.Common;
using Witn.Domain.Evaluation;
using Witn.Domain.Tenants;

namespace Witn.Api.Lifecycle;

/// <summary>A tenant's outcomes, the manual review queue, and sandbox test clocks.</summary>
public static class LifecycleEndpoints
{
    // About ten minutes of settling (slices of ~8 s) before the request answers and the client repeats it.
    private const int MaxAdvanceSlices = 75;

    public static RouteGroupBuilder MapLifecycle(this RouteGroupBuilder v1)
    {
        var tenant = v1.MapGroup("/tenants/{tenant}").WithMetadata(KeyReach.Tenant).WithTags("Outcomes");
        tenant.MapGet("/outcomes", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's outcomes, filtered by state, definition and correlation; paged by 'after' (definition/correlation).");
        tenant.MapGet("/outcomes/{definition}/{**correlation}", GetAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("One outcome: state, timestamps, events, transitions.");
        tenant.MapPost("/reviews/{definition}/{**correlation}", DecideAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(typeof(ReviewDecisionRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve or reject an outcome waiting in review.");
        tenant.MapPost("/clock/advance", AdvanceAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(typeof(ClockAdvanceRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move a sandbox tenant's test clock forward; returns when everything due by then has happened.");
        v1.MapGet("/reviews", ReviewsAsync).RequireAuthorization(WitnPolicies.Read).WithMetadata(KeyReach.Tenant).WithTags("Outcomes")
            .WithSummary("Outcomes waiting for a manual decision, with their evidence.");
        return v1;
    }

    private static async Task<Results<Ok<OutcomeListItem[]>, ProblemHttpResult>> ListAsync(
        string tenant, string? state, string? definition, string? correlation, int? limit, string? after, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        if (definition is not null && OutcomeProblems.InvalidName(definition, "definition") is { } badDefinition)
        {
            return badDefinition;
        }

        if (state is not null && !OutcomeStatuses.TryParse(state, out _))
        {
            return Problems.Invalid($"'{state}' is not an outcome state",
                [new InputError("state", $"'{state}' is not an outcome state", $"use one of: {string.Join(", ", OutcomeStatuses.Names)}")]);
        }

        if (Paging.CheckLimit("limit", limit) is { } limitError)
        {
            return Problems.Invalid(limitError.Message, [limitError]);
        }

        string? afterDefinition = null, afterCorrelation = null;
        if (after is not null)
        {
            var slash = after.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                return Problems.Invalid("'after' is not definition/correlation",
                    [new InputError("after", "'after' is not definition/correlation", "pass the definition and correlation of the last outcome of the previous page, joined by '/'")]);
            }

            (afterDefinition, afterCorrelation) = (after[..slash], after[(slash + 1)..]);
        }

        var items = await grains.GetGrain<IOutcomeQueryGrain>(0).ListAsync(tenant, state, definition, correlation, limit ?? Paging.DefaultLimit, afterDefinition, afterCorrelation);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Ok<OutcomeInstanceResponse>, ProblemHttpResult>> GetAsync(
        string tenant, string definition, string correlation, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        if (OutcomeProblems.InvalidName(definition, "definition") is { } badDefinition)
        {
            return badDefinition;
        }

        var view = await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, definition, correlation)).GetAsync();
        return view is null ? OutcomeNotFound(tenant, definition, correlation) : TypedResults.Ok(OutcomeInstanceResponse.From(view));
    }

    private static async Task<Results<Ok<OutcomeInstanceResponse[]>, ProblemHttpResult>> ReviewsAsync(string? tenant, ClaimsPrincipal user, IGrainFactory grains)
    {
        tenant ??= TenantAccess.RestrictedTo(user);
        if (tenant is null)
        {
            return Problems.Invalid("which tenant's reviews?", [new InputError("tenant", "the 'tenant' query parameter is missing", $"add ?tenant=<tenant id>; tenant ids are {TenantIds.Rule}")]);
        }

        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        var items = await grains.GetGrain<IOutcomeQueryGrain>(0).ListAsync(tenant, OutcomeStatuses.ToName(OutcomeStatus.InReview), null, null, Paging.MaxLimit, null, null);
        var views = await Task.WhenAll(items.Select(i => grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, i.Definition, i.Correlation)).GetAsync()));
        return TypedResults.Ok(views.OfType<OutcomeView>().Select(OutcomeInstanceResponse.From).Where(o => o.Status == OutcomeStatus.InReview).ToArray());
    }

    private static async Task<Results<Ok<OutcomeInstanceResponse>, ProblemHttpResult>> DecideAsync(
        string tenant, string definition, string correlation, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        if (OutcomeProblems.InvalidName(definition, "definition") is { } badDefinition)
        {
            return badDefinition;
        }

        if (await grains.GetGrain<IOutcomeDefinitionGrain>(definition).GetAsync() is null)
        {
            return OutcomeProblems.UnknownDefinition(definition);
        }

        var (body, problem) = await JsonBody.ReadAsync<ReviewDecisionRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        ReviewVerdict? verdict = body!.Decision switch { "approve" => ReviewVerdict.Approve, "reject" => ReviewVerdict.Reject, _ => null };
        if (verdict is null)
        {
            return Problems.Invalid($"'{body.Decision}' is not a decision",
                [new InputError("decision", body.Decision is null ? "decision is missing" : $"'{body.Decision}' is not a decision", "use \"approve\" or \"reject\"")]);
        }

        var by = user.FindFirst(ClaimTypes.Name)?.Value ?? user.FindFirst(ApiKeyClaims.KeyId)?.Value ?? "unknown";
        var reply = await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, definition, correlation)).ReviewAsync(new ReviewRequest(verdict.Value, by, body.Note));
        if (reply.Outcome is null)
        {
            return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "not-in-review", "The outcome is not waiting for review", reply.Problem ?? ""));
        }

        return TypedResults.Ok(OutcomeInstanceResponse.From(reply.Outcome));
    }

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> AdvanceAsync(string tenant, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await TenantAccess.RefuseAsync(user, tenant, grains) is { } refused)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync<ClockAdvanceRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.To is not { } to)
        {
            return Problems.Invalid("'to' is missing", [new InputError("to", "'to' is missing", "give the instant to move the clock to, e.g. \"2026-11-05T09:40:00Z\"")]);
        }

        if (!Instants.InRange(to))
        {
            var message = Instants.OutOfRange("to", Instants.Iso(to));
            return Problems.Invalid(message, [new InputError("to", message, Instants.RangeHint)]);
        }

        // A large burst settles over several calls, each inside the grain-call timeout; the answer waits for all.
        var clock = grains.GetGrain<ITenantClockGrain>(tenant);
        var reply = await clock.AdvanceAsync(to);
        var ticks = reply.OutcomesTicked;
        for (var slices = 1; reply is { ProblemStatus: null, Complete: false }; slices++)
        {
            if (slices >= MaxAdvanceSlices)
            {
                return TypedResults.Problem(Problems.Create(StatusCodes.Status503ServiceUnavailable, "clock-advance-incomplete", "The advance did not finish",
                    $"{ticks} outcomes were brought up to date and more are still due; send the same advance again to go on"));
            }

            reply = await clock.AdvanceAsync(to);
            ticks += reply.OutcomesTicked;
        }

        reply = reply with { OutcomesTicked = ticks };
        return reply.ProblemStatus switch
        {
            null => TypedResults.Ok(new ClockResponse(tenant, reply.Now!.Value, reply.OutcomesTicked)),
            404 => Problems.TenantNotFound(tenant),
            400 => Problems.Invalid(reply.Problem!, [new InputError("to", reply.Problem!, "the clock only moves forward")]),
            409 => TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "not-a-sandbox", "The tenant has no test clock", reply.Problem!)),
            _ => TypedResults.Problem(Problems.Create(StatusCodes.Status503ServiceUnavailable, "clock-advance-incomplete", "The advance did not finish", reply.Problem!)),
        };
    }

    private static ProblemHttpResult OutcomeNotFound(string tenant, string definition, string correlation) =>
        Problems.NotFound("Outcome", $"tenant '{tenant}' has no {definition} outcome for '{correlation}' yet: it appears with its first event");
}
