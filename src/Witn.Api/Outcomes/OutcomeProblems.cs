using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Witn.Api.Http;

namespace Witn.Api.Outcomes;

/// <summary>Problems of the outcome endpoints: like <see cref="Problems"/>, with errors that carry line and column.</summary>
public static class OutcomeProblems
{
    /// <summary>400 <c>invalid-definition</c>: the definition text has errors (all of them, in document order).</summary>
    public static ProblemHttpResult InvalidDefinition(IReadOnlyList<OutcomeError> errors) =>
        Create("invalid-definition", "The outcome definition is invalid", $"the definition has {errors.Count} error(s); the first: {Describe(errors[0])}", errors);

    /// <summary>400 <c>invalid-request</c> with outcome errors.</summary>
    public static ProblemHttpResult Invalid(string detail, IReadOnlyList<OutcomeError> errors) =>
        Create("invalid-request", "The request is invalid", detail, errors);

    private static ProblemHttpResult Create(string type, string title, string detail, IReadOnlyList<OutcomeError> errors)
    {
        var problem = Problems.Create(StatusCodes.Status400BadRequest, type, title, detail);
        problem.Extensions["errors"] = errors;
        return TypedResults.Problem(problem);
    }

    private static string Describe(OutcomeError e)
    {
        var at = e.Line is { } line ? $" (line {line}, column {e.Column})" : "";
        return $"{(e.Path.Length == 0 ? "(document)" : e.Path)}{at}: {e.Message}";
    }
}
