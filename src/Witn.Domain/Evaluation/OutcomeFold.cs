using Witn.Domain.Common;
using Witn.Domain.Evaluation.Engine;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation;

/// <summary>
/// The live, incremental form of the lifecycle fold for one outcome, owned by one grain activation (not thread-safe).
/// It keeps the events in event order and its accumulators in step with them: an event that sorts last is folded in
/// O(conditions); an earlier one triggers a re-walk at the next read. Either way the result equals
/// <see cref="OutcomeEvaluator.Evaluate(CompiledDefinition, IEnumerable{OutcomeEvent}, DateTimeOffset, IEnumerable{ReviewDecision}?)"/>
/// over the same events, whatever their arrival order. Persist <see cref="Events"/> and <see cref="Reviews"/>;
/// rebuild with <see cref="Restore"/>.
/// </summary>
public sealed class OutcomeFold
{
    // An outcome holds a handful of events and (rarely) a review: the id set and the review list are created only
    // when needed, because a silo keeps up to millions of folds in memory (docs/benchmarks.md, outcomes-resident).
    private const int LinearIdSearchLimit = 16;
    private readonly List<Entry> _entries = [];
    private HashSet<Guid>? _ids;
    private List<ReviewDecision>? _reviews;
    private readonly Walker _walker;
    private bool _dirty;

    public OutcomeFold(CompiledDefinition definition)
    {
        Definition = definition;
        _walker = new Walker(definition, explain: false);
    }

    public CompiledDefinition Definition { get; }

    public int Count => _entries.Count;

    /// <summary>The earliest event's time (event time), which picks the contract version and whether it bills.</summary>
    public DateTimeOffset? FirstEventAt => _entries.Count == 0 ? null : _entries[0].Event.Timestamp;

    /// <summary>The applied events in event order (a copy).</summary>
    public IReadOnlyList<OutcomeEvent> Events => _entries.Select(e => e.Event).ToArray();

    public IReadOnlyList<ReviewDecision> Reviews => _reviews is null ? [] : _reviews.ToArray();

    public static OutcomeFold Restore(CompiledDefinition definition, IEnumerable<OutcomeEvent> events, IEnumerable<ReviewDecision>? reviews = null)
    {
        var fold = new OutcomeFold(definition);
        foreach (var e in events)
        {
            fold.Apply(e);
        }

        foreach (var r in reviews ?? [])
        {
            fold.Review(r);
        }

        return fold;
    }

    /// <summary>Adds an event. Duplicates (same event id) and types the definition does not listen to change nothing.</summary>
    public ApplyResult Apply(OutcomeEvent e)
    {
        var typeId = Definition.TypeId(e.Type);
        if (typeId < 0)
        {
            return ApplyResult.Ignored;
        }

        if (!AddId(e.EventId))
        {
            return ApplyResult.Duplicate;
        }

        var entry = new Entry(e, typeId, e.Timestamp.UtcTicks);
        if (_entries.Count == 0 || entry.CompareTo(_entries[^1]) > 0)
        {
            _entries.Add(entry);
            if (!_dirty)
            {
                _walker.Step(entry, _entries.Count - 1);
            }
        }
        else
        {
            var index = _entries.BinarySearch(entry);
            _entries.Insert(~index, entry);
            _dirty = true;
        }

        return ApplyResult.Applied;
    }

    /// <summary>Records a review decision; it takes effect from its <see cref="ReviewDecision.DecidedAt"/>.</summary>
    public void Review(ReviewDecision decision) => (_reviews ??= []).Add(decision);

    /// <summary>Status and instants at <paramref name="now"/>, without building the explanation.</summary>
    public OutcomeProgress Progress(DateTimeOffset now)
    {
        Walk();
        return Lifecycle.Decide(Definition, _walker, (IReadOnlyList<ReviewDecision>?)_reviews ?? [], now, out _);
    }

    /// <summary>
    /// What pricing a charge reads, without the explanation: the first event's time, the dimensions and the value,
    /// equal to those of <see cref="Evaluate"/> (the same walk). Replay prices every settlement with it.
    /// </summary>
    public (DateTimeOffset? FirstEventAt, ValueArray<DimensionValue> Dimensions, decimal? Value) PricingInputs()
    {
        Walk();
        return (
            _walker.Started ? new DateTimeOffset(_walker.FirstTicks, TimeSpan.Zero) : null,
            Dimensions(_walker),
            Definition.ValueLeaf is { } valueLeaf ? _walker.States[valueLeaf.Slot].Sum : null);
    }

    /// <summary>The full state at <paramref name="now"/>, with explanation, value, dimensions and attribution.</summary>
    public OutcomeState Evaluate(DateTimeOffset now)
    {
        var walker = new Walker(Definition, explain: true);
        for (var i = 0; i < _entries.Count; i++)
        {
            walker.Step(_entries[i], i);
        }

        var progress = Lifecycle.Decide(Definition, walker, (IReadOnlyList<ReviewDecision>?)_reviews ?? [], now, out var review);
        Guid IdAt(int position) => _entries[position].Event.EventId;
        var explanation = new OutcomeExplanation(
            Definition.Qualify.Explain(walker.States, IdAt),
            Definition.ReviewWhen?.Explain(walker.States, IdAt),
            Definition.ReverseOn?.Explain(walker.States, IdAt));
        var status = progress.Status;
        var agentPosition = Definition.Definition.Attribution == Definitions.Attribution.First ? walker.FirstAgentPosition : walker.LastAgentPosition;

        return new OutcomeState(
            status,
            _entries.Count,
            walker.Started ? new DateTimeOffset(walker.FirstTicks, TimeSpan.Zero) : null,
            progress.QualifiedAt,
            walker.QualifiedPosition >= 0 ? IdAt(walker.QualifiedPosition) : null,
            progress.SettlesAt,
            progress.CommitsAt,
            progress.ExpiresAt,
            progress.NextDueAt,
            Definition.ValueLeaf is { } valueLeaf ? walker.States[valueLeaf.Slot].Sum : null,
            Dimensions(walker),
            agentPosition >= 0 ? _entries[agentPosition].Event.Agent : null,
            walker.VoidPosition >= 0 ? Witness(explanation.ReverseOn, walker.VoidPosition) : [],
            walker.ReversePosition >= 0 ? Witness(explanation.ReverseOn, walker.ReversePosition) : [],
            review,
            explanation);

        ValueArray<Guid> Witness(ExplanationNode? reverse, int trigger)
        {
            var ids = new HashSet<Guid> { IdAt(trigger) };
            Collect(reverse, ids);
            return _entries.Select(e => e.Event.EventId).Where(ids.Contains).ToValueArray();
        }
    }

    // An event that sorted before the last one leaves the accumulators behind: walk the events again, in order.
    private void Walk()
    {
        if (_dirty)
        {
            _walker.Reset();
            for (var i = 0; i < _entries.Count; i++)
            {
                _walker.Step(_entries[i], i);
            }

            _dirty = false;
        }
    }

    // Few events: a scan of the held ones; many: a set, built once from them.
    private bool AddId(Guid id)
    {
        if (_ids is not null)
        {
            return _ids.Add(id);
        }

        foreach (var entry in _entries)
        {
            if (entry.Event.EventId == id)
            {
                return false;
            }
        }

        if (_entries.Count >= LinearIdSearchLimit)
        {
            _ids = [.. _entries.Select(x => x.Event.EventId), id];
        }

        return true;
    }

    /// <summary>Event ids of the leaves that made a held tree hold (through held all/any branches).</summary>
    private static void Collect(ExplanationNode? node, HashSet<Guid> ids)
    {
        if (node is null || !node.Held || node.Kind == "not")
        {
            return;
        }

        foreach (var id in node.EventIds)
        {
            ids.Add(id);
        }

        foreach (var child in node.Children)
        {
            Collect(child, ids);
        }
    }

    /// <summary>Each dimension from the latest event inside the window that carries it.</summary>
    private ValueArray<DimensionValue> Dimensions(Walker walker)
    {
        var result = new DimensionValue[Definition.Dimensions.Length];
        for (var d = 0; d < result.Length; d++)
        {
            var path = Definition.Dimensions[d];
            string? value = null;
            for (var i = walker.LastWindowPosition; i >= 0 && value is null; i--)
            {
                var resolved = path.Resolve(_entries[i].Event);
                value = resolved.Exists ? resolved.AsText() : null;
            }

            result[d] = new DimensionValue(path.Text, value);
        }

        return ValueArray.Create<DimensionValue>(result);
    }
}
