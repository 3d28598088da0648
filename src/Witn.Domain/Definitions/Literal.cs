using System.Globalization;
using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>A constant in a <c>where</c> clause. Numbers are decimals; lists appear only under <c>in</c>/<c>not_in</c>.</summary>
public sealed record Literal(LiteralKind Kind, string? Text = null, decimal Number = 0, bool Boolean = false, ValueArray<Literal> Items = default)
{
    public static readonly Literal Null = new(LiteralKind.Null);

    public static Literal Of(string text) => new(LiteralKind.String, Text: text);

    public static Literal Of(decimal number) => new(LiteralKind.Number, Number: Normalize(number));

    public static Literal Of(bool value) => new(LiteralKind.Boolean, Boolean: value);

    public static Literal List(IEnumerable<Literal> items) => new(LiteralKind.List, Items: items.ToValueArray());

    /// <summary>Removes trailing zeros so <c>60</c> and <c>60.0</c> are the same literal.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public override string ToString() => Kind switch
    {
        LiteralKind.Null => "null",
        LiteralKind.Boolean => Boolean ? "true" : "false",
        LiteralKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        LiteralKind.String => Text ?? string.Empty,
        _ => "[" + string.Join(", ", Items) + "]",
    };
}
