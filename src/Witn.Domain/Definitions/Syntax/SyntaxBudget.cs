using System.Globalization;

namespace Witn.Domain.Definitions.Syntax;

/// <summary>
/// Counts the nodes a document expands to while it is read (<see cref="DocumentLimits.MaxNodes"/>): each node once,
/// each alias by the size of what it stands for. The tree shares aliased nodes, so reading stays cheap; everything
/// after the reader (binder, canonical writer, evaluation) walks the expanded tree, which this keeps small.
/// </summary>
internal sealed class SyntaxBudget(long limit)
{
    /// <summary>New input: at most <see cref="DocumentLimits.MaxNodes"/>.</summary>
    public static SyntaxBudget ForInput() => new(DocumentLimits.MaxNodes);

    /// <summary>
    /// A document stored earlier (canonical JSON: no aliases, at most <see cref="DocumentLimits.MaxLength"/>
    /// characters) loads under the rules it was accepted with, so a tightened limit never stops it from loading.
    /// </summary>
    public static SyntaxBudget ForStored() => new(long.MaxValue);

    public const string Hint = "aliases (*name) count each time they are used: write the repeated part once, or split the document";

    public long Used { get; private set; }

    public bool Spent => Used > limit;

    /// <summary>Counts <paramref name="nodes"/> more; false once the document is over the limit.</summary>
    public bool TryAdd(long nodes)
    {
        Used += nodes;
        return !Spent;
    }

    public static string Message { get; } = string.Create(CultureInfo.InvariantCulture,
        $"the document expands to more than {DocumentLimits.MaxNodes:N0} nodes (the limit on nodes after alias expansion)");
}
