using System.Globalization;
using Witn.Domain.Common;
using Witn.Domain.Definitions;

namespace Witn.Domain.Evaluation.Engine;

/// <summary>One-line, stable descriptions of conditions for explanations and evidence.</summary>
internal static class ConditionText
{
    public static string Describe(Condition condition) => condition switch
    {
        AllCondition all => $"all of {all.Conditions.Count}",
        AnyCondition any => $"any of {any.Conditions.Count}",
        NotCondition => "not",
        SeenCondition s => Join(
            $"seen {s.Type}",
            Where(s.Where),
            s.After is null ? null : $"after {s.After}",
            s.Before is null ? null : $"before {s.Before}",
            s.Within is { } w ? $"within {Durations.Format(w)}" : null),
        CountCondition c => Join($"count of {c.Of}", Where(c.Where), Bounds(c.Threshold)),
        DistinctCondition d => Join($"distinct {d.Property.Text} of {d.Of}", Where(d.Where), Bounds(d.Threshold)),
        SumCondition s => Join($"sum {s.Property.Text} of {s.Of}", Where(s.Where), Bounds(s.Threshold)),
        SequenceCondition q => Join("sequence " + string.Join(" → ", q.Types), q.Within is { } w ? $"within {Durations.Format(w)}" : null),
        _ => condition.GetType().Name,
    };

    private static string Join(params string?[] parts) => string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string? Where(ValueArray<PropertyPredicate> where) =>
        where.IsEmpty ? null : "where " + string.Join(" and ", where.Select(p => $"{p.Path.Text} {OperatorNames.Name(p.Operator)} {Literal(p.Operand)}"));

    private static string Literal(Literal l) => l.Kind == LiteralKind.String ? $"'{l.Text}'" : l.ToString();

    private static string Bounds(Threshold t) => Join(
        t.AtLeast is { } a ? "at_least " + a.ToString(CultureInfo.InvariantCulture) : null,
        t.AtMost is { } m ? "at_most " + m.ToString(CultureInfo.InvariantCulture) : null,
        t.Exactly is { } e ? "exactly " + e.ToString(CultureInfo.InvariantCulture) : null);
}
