using Witn.Domain.Evaluation;

namespace Witn.Api.Outcomes;

/// <summary>One condition as evaluated: its definition path, kind, summary, whether it held, the events behind it and its measure.</summary>
public sealed record ExplanationNodeResponse(
    string Path,
    string Kind,
    string Summary,
    bool Held,
    IReadOnlyList<Guid> EventIds,
    decimal? Measured,
    IReadOnlyList<ExplanationNodeResponse> Children)
{
    public static ExplanationNodeResponse From(ExplanationNode n) =>
        new(n.Path, n.Kind, n.Summary, n.Held, [.. n.EventIds], n.Measured, [.. n.Children.Select(From)]);
}
