using Witn.Domain.Events;

namespace Witn.Domain.Evaluation.Engine;

internal enum WalkPhase
{
    /// <summary>Inside the (possible) settlement window: every leaf folds.</summary>
    Window,

    /// <summary>An event stamped at or after settles_at was reached: only reverse_on folds.</summary>
    Closed,

    Voided,
    Expired,
    Reversed,
}

/// <summary>
/// The lifecycle fold over events in event order. Stepping is O(leaves) per event, so appending an event
/// that sorts last costs one step; anything else re-walks from the start (the caller decides).
/// </summary>
internal sealed class Walker
{
    private readonly CompiledDefinition _def;
    private readonly bool _explain;
    private readonly int[] _firstPosition;

    public Walker(CompiledDefinition definition, bool explain)
    {
        _def = definition;
        _explain = explain;
        States = new LeafState[definition.Leaves.Length];
        _firstPosition = new int[Math.Max(1, definition.TypeCount)];
        Reset();
    }

    public LeafState[] States { get; }

    public WalkPhase Phase { get; private set; }

    public bool Started { get; private set; }

    public long FirstTicks { get; private set; }

    public bool Qualified { get; private set; }

    public int QualifiedPosition { get; private set; }

    public long QualifiedTicks { get; private set; }

    public long SettlesTicks { get; private set; }

    public int LastWindowPosition { get; private set; }

    public int FirstAgentPosition { get; private set; }

    public int LastAgentPosition { get; private set; }

    public int VoidPosition { get; private set; }

    public int ReversePosition { get; private set; }

    public long ExpiresTicks => _def.ExpireAfter is { } e && Started ? Saturate(FirstTicks, e) : long.MaxValue;

    public void Reset()
    {
        foreach (var leaf in _def.Leaves)
        {
            leaf.Reset(ref States[leaf.Slot], _explain);
        }

        Array.Fill(_firstPosition, -1);
        Phase = WalkPhase.Window;
        Started = false;
        FirstTicks = 0;
        Qualified = false;
        QualifiedPosition = -1;
        SettlesTicks = long.MaxValue;
        LastWindowPosition = -1;
        FirstAgentPosition = -1;
        LastAgentPosition = -1;
        VoidPosition = -1;
        ReversePosition = -1;
    }

    public void Step(in Entry entry, int position)
    {
        if (Phase is WalkPhase.Voided or WalkPhase.Expired or WalkPhase.Reversed)
        {
            return;
        }

        if (!Started)
        {
            Started = true;
            FirstTicks = entry.Ticks;
        }

        if (Phase == WalkPhase.Window)
        {
            if (Qualified && entry.Ticks >= SettlesTicks)
            {
                Phase = WalkPhase.Closed;
            }
            else if (!Qualified && entry.Ticks >= ExpiresTicks)
            {
                Phase = WalkPhase.Expired;
                return;
            }
        }

        var step = new Step(entry.Event, entry.TypeId, entry.Ticks, position, FirstTicks, _firstPosition);
        if (Phase == WalkPhase.Closed)
        {
            Observe(_def.ReverseLeaves, step);
            if (_def.ReverseOn is { } reverse && reverse.Eval(States))
            {
                Phase = WalkPhase.Reversed;
                ReversePosition = position;
            }

            return;
        }

        Observe(_def.Leaves, step);
        LastWindowPosition = position;
        if (entry.Event.Agent is not null)
        {
            LastAgentPosition = position;
            if (FirstAgentPosition < 0)
            {
                FirstAgentPosition = position;
            }
        }

        if (!_def.Qualify.Eval(States))
        {
            Qualified = false;
            QualifiedPosition = -1;
            SettlesTicks = long.MaxValue;
            return;
        }

        if (!Qualified || _def.Definition.Settlement.ResetOnEvent)
        {
            SettlesTicks = Saturate(entry.Ticks, _def.Window);
        }

        if (!Qualified)
        {
            Qualified = true;
            QualifiedPosition = position;
            QualifiedTicks = entry.Ticks;
        }

        if (_def.ReverseOn is { } reverseOn && reverseOn.Eval(States))
        {
            Phase = WalkPhase.Voided;
            VoidPosition = position;
        }
    }

    private void Observe(LeafNode[] leaves, in Step step)
    {
        if (step.TypeId < 0)
        {
            return;
        }

        foreach (var leaf in leaves)
        {
            leaf.Observe(ref States[leaf.Slot], step);
        }

        if (_firstPosition[step.TypeId] < 0)
        {
            _firstPosition[step.TypeId] = step.Position;
        }
    }

    private static long Saturate(long ticks, long add) =>
        ticks > DateTimeOffset.MaxValue.UtcTicks - add ? DateTimeOffset.MaxValue.UtcTicks : ticks + add;
}
