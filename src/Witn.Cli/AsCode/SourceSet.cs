namespace Witn.Cli.AsCode;

/// <summary>What <see cref="SourceLoader"/> read: the documents that parsed, and every problem of those that did not.</summary>
public sealed record SourceSet(IReadOnlyList<SourceDocument> Documents, IReadOnlyList<SourceProblem> Problems)
{
    public IEnumerable<SourceDocument> Definitions => Documents.Where(d => d.Kind == SourceKind.Definition);

    public IEnumerable<SourceDocument> Contracts => Documents.Where(d => d.Kind == SourceKind.Contract);
}
