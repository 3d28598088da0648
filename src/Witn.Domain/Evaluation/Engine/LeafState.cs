namespace Witn.Domain.Evaluation.Engine;

/// <summary>
/// Accumulator of one leaf for one outcome. Positions index the outcome's sorted events.
/// <see cref="Matches"/> is only kept when an explanation is being built, so the hot path does not allocate.
/// </summary>
internal struct LeafState
{
    public long Count;
    public decimal Sum;
    public int First;
    public int Anchor;
    public bool Held;
    public HashSet<string>? Distinct;
    public long[]? SequenceStart;
    public int[][]? SequenceChain;
    public List<int>? Matches;
}

/// <summary>One event as the walk presents it to the leaves.</summary>
internal readonly struct Step(Events.OutcomeEvent e, int typeId, long ticks, int position, long firstTicks, int[] firstPositionByType)
{
    public readonly Events.OutcomeEvent Event = e;
    public readonly int TypeId = typeId;
    public readonly long Ticks = ticks;
    public readonly int Position = position;
    public readonly long FirstTicks = firstTicks;
    public readonly int[] FirstPositionByType = firstPositionByType;
}
