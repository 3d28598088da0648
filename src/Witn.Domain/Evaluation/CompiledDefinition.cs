using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation.Engine;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation;

/// <summary>
/// A definition prepared for evaluation (type ids, UTF-8 paths, compiled regexes). Immutable and thread-safe:
/// compile once per definition version and share it between all outcomes of that version.
/// </summary>
public sealed class CompiledDefinition
{
    private readonly FrozenDictionary<string, int> _typeIds;

    private CompiledDefinition(OutcomeDefinition definition)
    {
        Definition = definition;
        ContentHash = definition.ContentHash();
        ListenedTypes = definition.ListenedTypes;
        _typeIds = ListenedTypes.Select((t, i) => (t, i)).ToFrozenDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        CorrelateBy = new CompiledPath(definition.CorrelateBy);
        var leaves = new List<LeafNode>();
        Qualify = Build(definition.Qualify, "qualify", leaves);
        var qualifyLeaves = leaves.Count;
        ReviewWhen = definition.ReviewWhen is { } review ? Build(review, "review_when", leaves) : null;
        var windowLeaves = leaves.Count;
        ReverseOn = definition.ReverseOn is { } reverse ? Build(reverse, "reverse_on", leaves) : null;
        Leaves = [.. leaves];
        WindowLeaves = [.. leaves.Take(windowLeaves)];
        ReverseLeaves = [.. leaves.Skip(windowLeaves)];
        ValueLeaf = leaves.Take(qualifyLeaves).OfType<SumLeaf>().FirstOrDefault();
        Dimensions = [.. definition.Dimensions.Select(d => new CompiledPath(d))];
        Window = definition.Settlement.Window.Ticks;
        ExpireAfter = definition.ExpireAfter?.Ticks;
    }

    public OutcomeDefinition Definition { get; }

    public string ContentHash { get; }

    public ImmutableSortedSet<string> ListenedTypes { get; }

    internal CompiledPath CorrelateBy { get; }

    internal Node Qualify { get; }

    internal Node? ReviewWhen { get; }

    internal Node? ReverseOn { get; }

    internal LeafNode[] Leaves { get; }

    /// <summary>Leaves of qualify and review_when: they stop at the end of the settlement window.</summary>
    internal LeafNode[] WindowLeaves { get; }

    /// <summary>Leaves of reverse_on: they keep folding after the window (reversal).</summary>
    internal LeafNode[] ReverseLeaves { get; }

    internal SumLeaf? ValueLeaf { get; }

    internal CompiledPath[] Dimensions { get; }

    internal long Window { get; }

    internal long? ExpireAfter { get; }

    internal int TypeCount => _typeIds.Count;

    public static CompiledDefinition Compile(OutcomeDefinition definition) => new(definition);

    /// <summary>-1 when the definition does not listen to the type.</summary>
    public int TypeId(string type) => _typeIds.TryGetValue(type, out var id) ? id : -1;

    public bool Listens(string type) => _typeIds.ContainsKey(type);

    /// <summary>
    /// The correlation value that routes the event to an outcome, or null when the definition does not listen
    /// to its type or the event lacks the property (or it is null, an object or an array). Strings are taken
    /// as they are; numbers and booleans as their JSON text.
    /// </summary>
    public string? CorrelationOf(OutcomeEvent e)
    {
        if (!Listens(e.Type))
        {
            return null;
        }

        var value = CorrelateBy.Resolve(e);
        if (!value.Exists || (value.Kind == ResolvedKind.Json && value.Json.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
        {
            return null;
        }

        var text = value.AsText();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private Node Build(Condition condition, string path, List<LeafNode> leaves)
    {
        var summary = ConditionText.Describe(condition);
        switch (condition)
        {
            case AllCondition all:
                return new AllNode(path, summary, [.. all.Conditions.Select((c, i) => Build(c, $"{path}.all[{i}]", leaves))]);
            case AnyCondition any:
                return new AnyNode(path, summary, [.. any.Conditions.Select((c, i) => Build(c, $"{path}.any[{i}]", leaves))]);
            case NotCondition not:
                return new NotNode(path, summary, Build(not.Condition, $"{path}.not", leaves));
        }

        LeafNode leaf = condition switch
        {
            SeenCondition s => new SeenLeaf(path, summary, leaves.Count, TypeId(s.Type), Where(s.Where), s.After is null ? -1 : TypeId(s.After), s.Before is null ? -1 : TypeId(s.Before), s.Within?.Ticks),
            CountCondition c => new CountLeaf(path, summary, leaves.Count, TypeId(c.Of), Where(c.Where), c.Threshold),
            DistinctCondition d => new DistinctLeaf(path, summary, leaves.Count, TypeId(d.Of), Where(d.Where), new CompiledPath(d.Property), d.Threshold),
            SumCondition s => new SumLeaf(path, summary, leaves.Count, TypeId(s.Of), Where(s.Where), new CompiledPath(s.Property), s.Threshold),
            SequenceCondition q => new SequenceLeaf(path, summary, leaves.Count, [.. q.Types.Select(TypeId)], q.Within?.Ticks),
            _ => throw new InvalidOperationException($"unknown condition {condition.GetType().Name}"),
        };
        leaves.Add(leaf);
        return leaf;
    }

    private static CompiledPredicate[] Where(Common.ValueArray<PropertyPredicate> where) => [.. where.Select(p => new CompiledPredicate(p))];
}
