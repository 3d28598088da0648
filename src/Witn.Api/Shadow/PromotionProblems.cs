using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Witn.Abstractions.Shadow;
using Witn.Api.Http;
using Witn.Domain.Common;
using Witn.Domain.Money;

namespace Witn.Api.Shadow;

/// <summary>Reading a promote body and answering a refused promotion, for both promote routes.</summary>
public static class PromotionProblems
{
    /// <summary>The request, or the problem: a body that is not one, or without <c>at</c>, or with a negative threshold.</summary>
    public static async Task<(PromotionRequest? Request, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        var (body, problem) = await JsonBody.ReadAsync<PromoteRequest>(request);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (body!.At is not { } at)
        {
            return (null, Problems.Invalid("'at' is missing", [new InputError("at", "'at' is missing", "give the start of the billing period from which the shadow version is live, e.g. \"2026-12-01T00:00:00Z\"")]));
        }

        if (!Instants.InRange(at))
        {
            var message = Instants.OutOfRange("at", Instants.Iso(at));
            return (null, Problems.Invalid(message, [new InputError("at", message, Instants.RangeHint)]));
        }

        if (body.MaxDeltaPercent is < 0)
        {
            return (null, Problems.Invalid("'max_delta_percent' cannot be negative",
                [new InputError("max_delta_percent", "'max_delta_percent' cannot be negative", "give the largest deviation, either way, in percent (e.g. 5 for ±5 %), or leave it out for none")]));
        }

        return (new PromotionRequest(at, body.MaxDeltaPercent, body.Force ?? false), null);
    }

    /// <summary>The problem for a refused promotion (<paramref name="tenant"/>: the route's tenant, for a 404).</summary>
    public static ProblemHttpResult Refused(PromotionReply reply, string? tenant)
    {
        var detail = $"{reply.Message}; {reply.Hint}";
        switch (reply.Result)
        {
            case PromotionResult.UnknownTenant:
                return Problems.TenantNotFound(tenant ?? "");
            case PromotionResult.UnknownDefinition:
                return Problems.NotFound("Outcome definition", detail);
            case PromotionResult.NoContract:
                return TypedResults.Problem(Problems.Create(StatusCodes.Status404NotFound, "no-contract", "The tenant has no contract", detail));
            case PromotionResult.NothingInShadow:
                return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "nothing-in-shadow", "Nothing to promote", detail));
            case PromotionResult.NotABoundary:
                return Problems.Invalid(reply.Message!, [new InputError("at", reply.Message!, reply.Hint)]);
            case PromotionResult.AlreadyStarted:
                return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "promotion-too-late", "Outcomes after the boundary are settled already", detail,
                    [new InputError("at", reply.Message!, reply.Hint)]));
            case PromotionResult.Deviates:
                var problem = Problems.Create(StatusCodes.Status409Conflict, "promotion-deviates", "The shadow deviates beyond the threshold", detail);
                var d = reply.Deviation!;
                problem.Extensions["deviation"] = new PromotionDeviationResponse(d.TenantId, d.PeriodStart, d.Currency,
                    MoneyFormat.Text(d.Live, d.Currency), MoneyFormat.Text(d.Shadow, d.Currency), ShadowDeltaResponse.Of(d.Live, d.Shadow, d.Currency));
                return TypedResults.Problem(problem);
            case PromotionResult.Changed:
                return TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "promotion-conflict", "The shadow version changed meanwhile", detail));
            default:
                throw new ArgumentOutOfRangeException(nameof(reply), reply.Result, "not a refusal");
        }
    }
}
