using Witn.Domain.Common;

namespace Witn.Domain.Evaluation;

/// <summary>
/// One node of a condition tree as evaluated. <see cref="Path"/> matches the definition paths
/// (<c>qualify.all[1]</c>); <see cref="EventIds"/> (leaves only, in event order) are the events that made it hold:
/// seen → the first matching event (after its <c>after</c> anchor); count/sum → every counted event;
/// distinct → the first event of each distinct value; sequence → the events of the first complete match.
/// <see cref="Measured"/> is the count, distinct count, sum, or number of sequence steps reached.
/// </summary>
public sealed record ExplanationNode(
    string Path,
    string Kind,
    string Summary,
    bool Held,
    ValueArray<Guid> EventIds,
    decimal? Measured,
    ValueArray<ExplanationNode> Children);
