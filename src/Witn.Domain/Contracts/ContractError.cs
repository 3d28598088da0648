namespace Witn.Domain.Contracts;

/// <summary>
/// One problem in a contract: where (<see cref="Path"/> such as <c>prices.code_change_merged.tiers[1].up_to</c>,
/// plus line and column, 1-based, when known), what is wrong and how to fix it.
/// </summary>
public sealed record ContractError(string Path, int? Line, int? Column, string Message, string Hint)
{
    public override string ToString()
    {
        var at = Line is { } line ? $" (line {line}, column {Column})" : string.Empty;
        var path = Path.Length == 0 ? "(document)" : Path;
        return $"{path}{at}: {Message}" + (Hint.Length == 0 ? string.Empty : $" — {Hint}");
    }
}
