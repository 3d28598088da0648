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

    public static RouteGroupBuilder MapLifecycle(this RouteGroupBuilder v1, RouteGroupBuilder tenant)
    {
        var outcomes = tenant.MapGroup("").WithTags("Outcomes");
        outcomes.MapGet("/outcomes", ListAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("The tenant's outcomes, filtered by state, definition and correlation; a page at a time (limit, after: definition/correlation).");
        outcomes.MapGet("/outcomes/{definition}/{**correlation}", GetAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("One outcome: state, timestamps, events, transitions.");
        outcomes.MapPost("/reviews/{definition}/{**correlation}", DecideAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(typeof(ReviewDecisionRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Approve or reject an outcome waiting in review.");
        outcomes.MapPost("/clock/advance", AdvanceAsync).RequireAuthorization(WitnPolicies.Admin)
            .RequestBody(typeof(ClockAdvanceRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Move a sandbox tenant's test clock forward; returns when everything due by then has happened.");
        v1.MapGet("/reviews", ReviewsAsync).RequireAuthorization(WitnPolicies.Read).WithMetadata(KeyReach.Tenant).WithTags("Outcomes")
            .WithSummary("Outcomes waiting for a manual decision, with their evidence; a page at a time (limit, after: definition/correlation).");
        return v1;
    }

    private static async Task<Results<Ok<Page<OutcomeListItem>>, ProblemHttpResult>> ListAsync(
        string tenant, string? state, string? definition, string? correlation, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        if (definition is not null && OutcomeProblems.InvalidName(definition, "definition") is { } badDefinition)
        {
            return badDefinition;
        }

        var errors = new List<InputError>();
        if (state is not null && !OutcomeStatuses.TryParse(state, out _))
        {
            errors.Add(new InputError("state", $"'{state}' is not an outcome state", $"use one of: {string.Join(", ", OutcomeStatuses.Names)}"));
        }

        var (limit, after) = OutcomePage(page, errors);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "outcome");
        }

        var items = await grains.GetGrain<IOutcomeQueryGrain>(0).ListAsync(tenant, state, definition, correlation, Paging.Fetch(limit), after?.Definition, after?.Correlation);
        return TypedResults.Ok(Paging.Of(items, limit, OutcomeCursor, i => i));
    }

    // Outcomes are listed by (definition, correlation); the cursor is the two joined by '/' (a definition name has none).
    private static (int Limit, (string Definition, string Correlation)? After) OutcomePage(PageQuery page, List<InputError> errors)
    {
        var limit = Paging.Limit(page, errors);
        var after = Paging.AfterText(page, errors, "definition/correlation");
        if (after is null)
        {
            return (limit, null);
        }

        var slash = after.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            errors.Add(new InputError("after", $"'{after}' is not definition/correlation", "pass the next_after of the previous page, or leave 'after' out for the first page"));
            return (limit, null);
        }

        return (limit, (after[..slash], after[(slash + 1)..]));
    }

    private static string OutcomeCursor(OutcomeListItem item) => $"{item.Definition}/{item.Correlation}";

    private static async Task<Results<Ok<OutcomeInstanceResponse>, ProblemHttpResult>> GetAsync(
        string tenant, string definition, string correlation, IGrainFactory grains)
    {
        if (OutcomeProblems.InvalidName(definition, "definition") is { } badDefinition)
        {
            return badDefinition;
        }

        var view = await grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, definition, correlation)).GetAsync();
        return view is null ? OutcomeNotFound(tenant, definition, correlation) : TypedResults.Ok(OutcomeInstanceResponse.From(view));
    }

    // The tenant comes from the query (or the key), not the path: this route is not on the tenant group and checks it here.
    private static async Task<Results<Ok<Page<OutcomeInstanceResponse>>, ProblemHttpResult>> ReviewsAsync(
        string? tenant, [AsParameters] PageQuery page, ClaimsPrincipal user, IGrainFactory grains)
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

        var errors = new List<InputError>();
        var (limit, after) = OutcomePage(page, errors);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "review");
        }

        var items = await grains.GetGrain<IOutcomeQueryGrain>(0).ListAsync(tenant, OutcomeStatuses.ToName(OutcomeStatus.InReview), null, null, Paging.Fetch(limit), after?.Definition, after?.Correlation);
        var listed = Paging.Of(items, limit, OutcomeCursor, i => i);
        var views = await Task.WhenAll(listed.Data.Select(i => grains.GetGrain<IOutcomeGrain>(OutcomeKey.Format(tenant, i.Definition, i.Correlation)).GetAsync()));
        // An outcome decided since its row was read is left out; the cursor still moves past it.
        var inReview = views.OfType<OutcomeView>().Select(OutcomeInstanceResponse.From).Where(o => o.Status == OutcomeStatus.InReview).ToArray();
        return TypedResults.Ok(new Page<OutcomeInstanceResponse>(inReview, listed.HasMore, listed.NextAfter));
    }

    private static async Task<Results<Ok<OutcomeInstanceResponse>, ProblemHttpResult>> DecideAsync(
        string tenant, string definition, string correlation, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
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

    private static async Task<Results<Ok<ClockResponse>, ProblemHttpResult>> AdvanceAsync(string tenant, HttpRequest request, IGrainFactory grains)
    {
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
