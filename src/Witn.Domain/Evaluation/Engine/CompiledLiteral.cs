using System.Text;
using System.Text.Json;
using Witn.Domain.Common;
using Witn.Domain.Definitions;

namespace Witn.Domain.Evaluation.Engine;

/// <summary>A literal with its comparable forms prepared once (UTF-8 bytes, timestamp).</summary>
internal sealed class CompiledLiteral
{
    public CompiledLiteral(Literal literal)
    {
        Kind = literal.Kind;
        Text = literal.Text;
        Utf8 = literal.Text is null ? null : Encoding.UTF8.GetBytes(literal.Text);
        Number = literal.Number;
        Boolean = literal.Boolean;
        Items = [.. literal.Items.Select(i => new CompiledLiteral(i))];
        if (Instants.TryParse(literal.Text, out var ts))
        {
            Time = ts;
        }
    }

    public LiteralKind Kind { get; }

    public string? Text { get; }

    public byte[]? Utf8 { get; }

    public decimal Number { get; }

    public bool Boolean { get; }

    public DateTimeOffset? Time { get; }

    public CompiledLiteral[] Items { get; }

    /// <summary>Equality without type coercion; a missing value equals only null.</summary>
    public bool EqualTo(in Resolved v)
    {
        switch (v.Kind)
        {
            case ResolvedKind.Missing:
                return Kind == LiteralKind.Null;
            case ResolvedKind.String:
                return Kind == LiteralKind.String && string.Equals(v.String, Text, StringComparison.Ordinal);
            case ResolvedKind.Timestamp:
                return Time is { } t && t == v.Timestamp;
        }

        return v.Json.ValueKind switch
        {
            JsonValueKind.String => Kind == LiteralKind.String && v.Json.ValueEquals(Utf8),
            JsonValueKind.Number => Kind == LiteralKind.Number && v.Json.TryGetDecimal(out var d) && d == Number,
            JsonValueKind.True => Kind == LiteralKind.Boolean && Boolean,
            JsonValueKind.False => Kind == LiteralKind.Boolean && !Boolean,
            JsonValueKind.Null => Kind == LiteralKind.Null,
            _ => false,
        };
    }

    /// <summary>Orders numbers with numbers, strings with strings (ordinal), timestamps with timestamps; otherwise null.</summary>
    public int? CompareFrom(in Resolved v)
    {
        switch (v.Kind)
        {
            case ResolvedKind.String:
                return Kind == LiteralKind.String ? Math.Sign(string.CompareOrdinal(v.String, Text)) : null;
            case ResolvedKind.Timestamp:
                return Time is { } t ? v.Timestamp.CompareTo(t) : null;
            case ResolvedKind.Json when v.Json.ValueKind == JsonValueKind.Number && Kind == LiteralKind.Number:
                return v.Json.TryGetDecimal(out var d) ? d.CompareTo(Number) : double.Parse(v.Json.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture).CompareTo((double)Number);
            case ResolvedKind.Json when v.Json.ValueKind == JsonValueKind.String && Kind == LiteralKind.String:
                return Math.Sign(string.CompareOrdinal(v.Json.GetString(), Text));
            default:
                return null;
        }
    }
}
