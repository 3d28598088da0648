namespace Witn.Cli.AsCode;

/// <summary>One error in a file, as compilers print them: <c>file:line:column: path: message (hint)</c>.</summary>
public sealed record SourceProblem(string File, int? Line, int? Column, string Path, string Message, string? Hint)
{
    public override string ToString()
    {
        var at = Line is { } l ? $"{File}:{l}:{Column ?? 1}" : File;
        var path = Path.Length == 0 ? "" : $"{Path}: ";
        return $"{at}: {path}{Message}" + (string.IsNullOrEmpty(Hint) ? "" : $" ({Hint})");
    }
}
