using Witn.Domain.Common;
using Witn.Domain.Definitions;

namespace Witn.Domain.Evaluation.Engine;

/// <summary>
/// A leaf folds events (in event order) into its accumulator. Every leaf except <c>not</c>-wrapped
/// bounds is monotonic in its accumulator; <see cref="Holds"/> is re-checked after every event.
/// </summary>
internal abstract class LeafNode(string path, string kind, string summary, int slot, int typeId, CompiledPredicate[] where)
    : Node(path, kind, summary)
{
    public int Slot { get; } = slot;

    public int TypeId { get; } = typeId;

    protected CompiledPredicate[] Where { get; } = where;

    public virtual void Reset(ref LeafState s, bool explain)
    {
        var distinct = s.Distinct;
        distinct?.Clear();
        s = default;
        s.First = -1;
        s.Anchor = -1;
        s.Distinct = distinct;
        s.Matches = explain ? [] : null;
    }

    public abstract void Observe(ref LeafState s, in Step step);

    public abstract bool Holds(in LeafState s);

    public override bool Eval(LeafState[] states) => Holds(states[Slot]);

    public override ExplanationNode Explain(LeafState[] states, Func<int, Guid> idAt)
    {
        var s = states[Slot];
        return new(Path, Kind, Summary, Holds(s), Ids(s).Select(idAt).ToValueArray(), Measured(s), []);
    }

    protected virtual IEnumerable<int> Ids(in LeafState s) => s.Matches ?? [];

    protected virtual decimal? Measured(in LeafState s) => s.Count;
}

internal sealed class SeenLeaf(string path, string summary, int slot, int typeId, CompiledPredicate[] where, int afterId, int beforeId, long? withinTicks)
    : LeafNode(path, "seen", summary, slot, typeId, where)
{
    public override void Observe(ref LeafState s, in Step step)
    {
        if (s.Held || step.TypeId != TypeId)
        {
            return;
        }

        var anchor = afterId >= 0 ? step.FirstPositionByType[afterId] : -1;
        if ((afterId >= 0 && anchor < 0)
            || (beforeId >= 0 && step.FirstPositionByType[beforeId] >= 0)
            || (withinTicks is { } w && step.Ticks - step.FirstTicks > w)
            || !CompiledPredicate.All(Where, step.Event))
        {
            return;
        }

        s.Held = true;
        s.First = step.Position;
        s.Anchor = anchor;
        s.Count = 1;
    }

    public override bool Holds(in LeafState s) => s.Held;

    protected override IEnumerable<int> Ids(in LeafState s) =>
        !s.Held ? [] : s.Anchor >= 0 ? [s.Anchor, s.First] : [s.First];

    protected override decimal? Measured(in LeafState s) => null;
}

internal sealed class CountLeaf(string path, string summary, int slot, int typeId, CompiledPredicate[] where, Threshold threshold)
    : LeafNode(path, "count", summary, slot, typeId, where)
{
    public override void Observe(ref LeafState s, in Step step)
    {
        if (step.TypeId == TypeId && CompiledPredicate.All(Where, step.Event))
        {
            s.Count++;
            s.Matches?.Add(step.Position);
        }
    }

    public override bool Holds(in LeafState s) => threshold.Holds(s.Count);
}

internal sealed class DistinctLeaf(string path, string summary, int slot, int typeId, CompiledPredicate[] where, CompiledPath property, Threshold threshold)
    : LeafNode(path, "distinct", summary, slot, typeId, where)
{
    public override void Reset(ref LeafState s, bool explain)
    {
        base.Reset(ref s, explain);
        s.Distinct ??= new HashSet<string>(StringComparer.Ordinal);
    }

    public override void Observe(ref LeafState s, in Step step)
    {
        if (step.TypeId != TypeId || !CompiledPredicate.All(Where, step.Event))
        {
            return;
        }

        var value = property.Resolve(step.Event);
        if (value.Exists && value.AsText() is { } key && s.Distinct!.Add(key))
        {
            s.Count++;
            s.Matches?.Add(step.Position);
        }
    }

    public override bool Holds(in LeafState s) => threshold.Holds(s.Count);
}

internal sealed class SumLeaf(string path, string summary, int slot, int typeId, CompiledPredicate[] where, CompiledPath property, Threshold threshold)
    : LeafNode(path, "sum", summary, slot, typeId, where)
{
    public override void Observe(ref LeafState s, in Step step)
    {
        if (step.TypeId == TypeId && CompiledPredicate.All(Where, step.Event) && property.Resolve(step.Event).TryGetDecimal(out var amount))
        {
            s.Sum = Common.Decimals.Add(s.Sum, amount);
            s.Count++;
            s.Matches?.Add(step.Position);
        }
    }

    public override bool Holds(in LeafState s) => threshold.Holds(s.Sum);

    protected override decimal? Measured(in LeafState s) => s.Sum;
}

/// <summary>
/// For each prefix of the sequence keeps the latest start of a partial match, which is the best one for
/// <c>within</c>; one event fills at most one step (steps are scanned from the last).
/// </summary>
internal sealed class SequenceLeaf(string path, string summary, int slot, int[] stepTypes, long? withinTicks)
    : LeafNode(path, "sequence", summary, slot, -1, [])
{
    public override void Reset(ref LeafState s, bool explain)
    {
        var starts = s.SequenceStart ?? new long[stepTypes.Length];
        base.Reset(ref s, explain);
        Array.Fill(starts, long.MinValue);
        s.SequenceStart = starts;
        s.SequenceChain = explain ? new int[stepTypes.Length][] : null;
    }

    public override void Observe(ref LeafState s, in Step step)
    {
        if (s.Held)
        {
            return;
        }

        var starts = s.SequenceStart!;
        for (var i = stepTypes.Length - 1; i >= 0; i--)
        {
            if (stepTypes[i] != step.TypeId)
            {
                continue;
            }

            long start;
            if (i == 0)
            {
                start = step.Ticks;
            }
            else if (starts[i - 1] != long.MinValue)
            {
                start = starts[i - 1];
            }
            else
            {
                continue;
            }

            if (i == stepTypes.Length - 1)
            {
                if (withinTicks is not { } w || step.Ticks - start <= w)
                {
                    s.Held = true;
                    s.Count = stepTypes.Length;
                    if (s.SequenceChain is { } chains)
                    {
                        s.Matches!.AddRange(i == 0 ? [step.Position] : [.. chains[i - 1], step.Position]);
                    }

                    return;
                }

                continue;
            }

            if (start >= starts[i])
            {
                starts[i] = start;
                s.Count = Math.Max(s.Count, i + 1);
                if (s.SequenceChain is { } chains)
                {
                    chains[i] = i == 0 ? [step.Position] : [.. chains[i - 1], step.Position];
                }
            }
        }
    }

    public override bool Holds(in LeafState s) => s.Held;
}
