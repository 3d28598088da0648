using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Witn.Api.Http;

/// <summary>RFC 9457 problem responses with the project's conventions: a stable type URI and an <c>errors</c> list.</summary>
public static class Problems
{
    public const string TypeBase = Witn.Abstractions.Ingestion.IngestStatus.ProblemTypeBase;

    public static ProblemHttpResult Invalid(string detail, IReadOnlyList<InputError> errors) =>
        TypedResults.Problem(Create(StatusCodes.Status400BadRequest, "invalid-request", "The request is invalid", detail, errors));

    /// <summary>
    /// 413 <c>request-too-large</c>: the request is over a limit on its size or on the work it asks for (the same
    /// type <c>POST /v1/events</c> answers an oversized body with); <paramref name="errors"/> name the limit.
    /// </summary>
    public static ProblemHttpResult TooLarge(string detail, IReadOnlyList<InputError> errors) =>
        TypedResults.Problem(Create(StatusCodes.Status413PayloadTooLarge, "request-too-large", "The request is too large", detail, errors));

    public static ProblemHttpResult NotFound(string what, string detail) =>
        TypedResults.Problem(Create(StatusCodes.Status404NotFound, "not-found", $"{what} not found", detail));

    /// <summary>The answer for a tenant the key may not see (or that does not exist): the same either way.</summary>
    public static ProblemHttpResult TenantNotFound(string tenant) =>
        NotFound("Tenant", $"no tenant '{tenant}' is visible to this key; create it with PUT /v1/tenants/{tenant}");

    public static ProblemDetails Create(int status, string type, string title, string detail, IReadOnlyList<InputError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypeBase + type, Title = title, Detail = detail };
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }
}
