namespace Witn.Domain.Definitions;

/// <summary>Bounds of <c>count</c>, <c>distinct</c> and <c>sum</c>; every bound given must hold (inclusive).</summary>
public sealed record Threshold(decimal? AtLeast = null, decimal? AtMost = null, decimal? Exactly = null)
{
    public bool Holds(decimal value) =>
        (AtLeast is not { } min || value >= min)
        && (AtMost is not { } max || value <= max)
        && (Exactly is not { } exact || value == exact);

    /// <summary>True when adding more events can make the condition false (it must be re-checked on every event).</summary>
    public bool IsNonMonotonic => AtMost is not null || Exactly is not null;
}
