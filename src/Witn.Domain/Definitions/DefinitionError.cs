namespace Witn.Domain.Definitions;

/// <summary>
/// One problem in a definition: where (<see cref="Path"/> such as <c>qualify.all[1].count.at_least</c>,
/// plus line and column, 1-based, when known), what is wrong and how to fix it.
/// </summary>
public sealed record DefinitionError(string Path, int? Line, int? Column, string Message, string Hint)
{
    public override string ToString()
    {
        var at = Line is { } line ? $" (line {line}, column {Column})" : string.Empty;
        var path = Path.Length == 0 ? "(document)" : Path;
        return $"{path}{at}: {Message}" + (Hint.Length == 0 ? string.Empty : $" — {Hint}");
    }
}
