using Witn.Domain.Common;

namespace Witn.Domain.Evaluation.Engine;

/// <summary>A compiled condition node; leaves own a slot in the outcome's accumulator array.</summary>
internal abstract class Node(string path, string kind, string summary)
{
    public string Path { get; } = path;

    public string Kind { get; } = kind;

    public string Summary { get; } = summary;

    public abstract bool Eval(LeafState[] states);

    public abstract ExplanationNode Explain(LeafState[] states, Func<int, Guid> idAt);
}

internal sealed class AllNode(string path, string summary, Node[] items) : Node(path, "all", summary)
{
    public Node[] Items { get; } = items;

    public override bool Eval(LeafState[] states)
    {
        foreach (var item in Items)
        {
            if (!item.Eval(states))
            {
                return false;
            }
        }

        return true;
    }

    public override ExplanationNode Explain(LeafState[] states, Func<int, Guid> idAt) =>
        new(Path, Kind, Summary, Eval(states), [], null, Items.Select(i => i.Explain(states, idAt)).ToValueArray());
}

internal sealed class AnyNode(string path, string summary, Node[] items) : Node(path, "any", summary)
{
    public Node[] Items { get; } = items;

    public override bool Eval(LeafState[] states)
    {
        foreach (var item in Items)
        {
            if (item.Eval(states))
            {
                return true;
            }
        }

        return false;
    }

    public override ExplanationNode Explain(LeafState[] states, Func<int, Guid> idAt) =>
        new(Path, Kind, Summary, Eval(states), [], null, Items.Select(i => i.Explain(states, idAt)).ToValueArray());
}

internal sealed class NotNode(string path, string summary, Node inner) : Node(path, "not", summary)
{
    public Node Inner { get; } = inner;

    public override bool Eval(LeafState[] states) => !Inner.Eval(states);

    public override ExplanationNode Explain(LeafState[] states, Func<int, Guid> idAt) =>
        new(Path, Kind, Summary, Eval(states), [], null, [Inner.Explain(states, idAt)]);
}
