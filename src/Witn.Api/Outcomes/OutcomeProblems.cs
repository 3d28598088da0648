using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Witn.Api.Http;
using Witn.Domain.Definitions;

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

    /// <summary>400 for a malformed definition name given as <paramref name="parameter"/> (a path or query value), or null when it is well formed.</summary>
    public static ProblemHttpResult? InvalidName(string name, string parameter) =>
        DefinitionNames.IsValid(name)
            ? null
            : Invalid($"'{name}' is not a valid outcome definition name",
                [OutcomeError.At(parameter, $"'{name}' is not a valid outcome definition name", $"definition names are {DefinitionNames.Rule}")]);

    /// <summary>404 for a well-formed name no definition has.</summary>
    public static ProblemHttpResult UnknownDefinition(string name) =>
        Problems.NotFound("Outcome definition", $"no outcome definition is named '{name}'; GET /v1/outcomes lists the definitions");

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
