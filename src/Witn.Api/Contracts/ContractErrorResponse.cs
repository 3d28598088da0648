using Witn.Abstractions.Contracts;

namespace Witn.Api.Contracts;

/// <summary>
/// One error or warning about a contract: the path (<c>prices.code_change_merged.tiers[1].up_to</c>), line and column
/// (1-based, YAML; null otherwise), what is wrong and how to fix it.
/// </summary>
public sealed record ContractErrorResponse(string Path, int? Line, int? Column, string Message, string Hint)
{
    public static ContractErrorResponse From(ContractProblem p) => new(p.Path, p.Line, p.Column, p.Message, p.Hint);
}
