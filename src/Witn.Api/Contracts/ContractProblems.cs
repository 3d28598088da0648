using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Witn.Api.Http;

namespace Witn.Api.Contracts;

/// <summary>Problems of the contract endpoints: like <see cref="Problems"/>, with errors that carry line and column, and the warnings.</summary>
public static class ContractProblems
{
    /// <summary>400 <c>invalid-contract</c>: every error in document order, plus the warnings found on the way.</summary>
    public static ProblemHttpResult InvalidContract(IReadOnlyList<ContractErrorResponse> errors, IReadOnlyList<ContractErrorResponse> warnings)
    {
        var first = errors[0];
        var at = first.Line is { } line ? $" (line {line}, column {first.Column})" : "";
        var problem = Problems.Create(StatusCodes.Status400BadRequest, "invalid-contract", "The contract is invalid",
            $"the contract has {errors.Count} error(s); the first: {(first.Path.Length == 0 ? "(document)" : first.Path)}{at}: {first.Message}");
        problem.Extensions["errors"] = errors;
        problem.Extensions["warnings"] = warnings;
        return TypedResults.Problem(problem);
    }
}
