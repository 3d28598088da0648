namespace Witn.Domain.Definitions.Syntax;

/// <summary>
/// Format-neutral document tree: YAML and JSON are read into it, and the binder validates it,
/// so both formats share every rule and message. Positions are 1-based and known for YAML only.
/// </summary>
internal abstract class SyntaxNode(int? line, int? column)
{
    public int? Line { get; } = line;

    public int? Column { get; } = column;

    /// <summary>The nodes this one expands to, itself included (aliases inside counted in full): what <see cref="SyntaxBudget"/> charges for an alias to it.</summary>
    public long Size { get; set; } = 1;
}

internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

internal sealed class ScalarNode(string text, ScalarKind kind, int? line, int? column) : SyntaxNode(line, column)
{
    public string Text { get; } = text;

    public ScalarKind Kind { get; } = kind;

    public decimal Number { get; init; }

    public bool Boolean { get; init; }
}

internal sealed class MappingNode(int? line, int? column) : SyntaxNode(line, column)
{
    public List<KeyValuePair<ScalarNode, SyntaxNode>> Entries { get; } = [];
}

internal sealed class SequenceNode(int? line, int? column) : SyntaxNode(line, column)
{
    public List<SyntaxNode> Items { get; } = [];
}
