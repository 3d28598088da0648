using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Witn.Domain.Common;

namespace Witn.Domain.Definitions;

/// <summary>
/// Writes the canonical JSON form. It is itself valid definition JSON, so parse(canonical) round-trips.
/// Predicates of a where clause are grouped by path in ordinal order (their order has no meaning);
/// the order of all/any items and sequence steps is kept (it shapes the explanation paths).
/// </summary>
internal static class CanonicalWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Hash(string canonicalJson) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    public static string Write(OutcomeDefinition d)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("name", d.Name);
            w.WriteString("description", d.Description);
            w.WriteString("correlate_by", d.CorrelateBy.Text);
            w.WritePropertyName("qualify");
            WriteCondition(w, d.Qualify);
            if (d.ReverseOn is { } reverse)
            {
                w.WritePropertyName("reverse_on");
                WriteCondition(w, reverse);
            }

            if (d.ReviewWhen is { } review)
            {
                w.WritePropertyName("review_when");
                WriteCondition(w, review);
            }

            w.WriteStartObject("settlement");
            w.WriteString("window", Durations.Format(d.Settlement.Window));
            w.WriteString("grace", Durations.Format(d.Settlement.Grace));
            w.WriteBoolean("reset_on_event", d.Settlement.ResetOnEvent);
            w.WriteEndObject();
            if (d.ExpireAfter is { } expire)
            {
                w.WriteString("expire_after", Durations.Format(expire));
            }

            w.WriteString("attribution", d.Attribution == Attribution.First ? "first" : "last");
            w.WriteStartArray("dimensions");
            foreach (var dimension in d.Dimensions)
            {
                w.WriteStringValue(dimension.Text);
            }

            w.WriteEndArray();

            // Written only when given, so every definition published before redact existed keeps its hash.
            if (!d.Redact.IsEmpty)
            {
                w.WriteStartArray("redact");
                foreach (var path in d.Redact)
                {
                    w.WriteStringValue(path.Text);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCondition(Utf8JsonWriter w, Condition condition)
    {
        w.WriteStartObject();
        switch (condition)
        {
            case AllCondition all:
                WriteList(w, "all", all.Conditions);
                break;
            case AnyCondition any:
                WriteList(w, "any", any.Conditions);
                break;
            case NotCondition not:
                w.WritePropertyName("not");
                WriteCondition(w, not.Condition);
                break;
            case SeenCondition seen:
                w.WriteString("seen", seen.Type);
                WriteWhere(w, seen.Where);
                if (seen.After is { } after)
                {
                    w.WriteString("after", after);
                }

                if (seen.Before is { } before)
                {
                    w.WriteString("before", before);
                }

                if (seen.Within is { } within)
                {
                    w.WriteString("within", Durations.Format(within));
                }

                break;
            case CountCondition count:
                w.WriteStartObject("count");
                w.WriteString("of", count.Of);
                WriteWhere(w, count.Where);
                WriteThreshold(w, count.Threshold);
                w.WriteEndObject();
                break;
            case DistinctCondition distinct:
                w.WriteStartObject("distinct");
                w.WriteString("of", distinct.Of);
                w.WriteString("property", distinct.Property.Text);
                WriteWhere(w, distinct.Where);
                WriteThreshold(w, distinct.Threshold);
                w.WriteEndObject();
                break;
            case SumCondition sum:
                w.WriteStartObject("sum");
                w.WriteString("of", sum.Of);
                w.WriteString("property", sum.Property.Text);
                WriteWhere(w, sum.Where);
                WriteThreshold(w, sum.Threshold);
                w.WriteEndObject();
                break;
            case SequenceCondition sequence:
                w.WriteStartArray("sequence");
                foreach (var t in sequence.Types)
                {
                    w.WriteStringValue(t);
                }

                w.WriteEndArray();
                if (sequence.Within is { } span)
                {
                    w.WriteString("within", Durations.Format(span));
                }

                break;
            default:
                throw new InvalidOperationException($"unknown condition {condition.GetType().Name}");
        }

        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, ValueArray<Condition> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            WriteCondition(w, item);
        }

        w.WriteEndArray();
    }

    private static void WriteThreshold(Utf8JsonWriter w, Threshold t)
    {
        if (t.AtLeast is { } min)
        {
            w.WriteNumber("at_least", Literal.Normalize(min));
        }

        if (t.AtMost is { } max)
        {
            w.WriteNumber("at_most", Literal.Normalize(max));
        }

        if (t.Exactly is { } exact)
        {
            w.WriteNumber("exactly", Literal.Normalize(exact));
        }
    }

    private static void WriteWhere(Utf8JsonWriter w, ValueArray<PropertyPredicate> where)
    {
        if (where.IsEmpty)
        {
            return;
        }

        w.WriteStartObject("where");
        foreach (var group in where.GroupBy(p => p.Path.Text).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(group.Key);
            foreach (var p in group.OrderBy(p => p.Operator))
            {
                w.WritePropertyName(OperatorNames.Name(p.Operator));
                WriteLiteral(w, p.Operand);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteLiteral(Utf8JsonWriter w, Literal literal)
    {
        switch (literal.Kind)
        {
            case LiteralKind.Null:
                w.WriteNullValue();
                break;
            case LiteralKind.Boolean:
                w.WriteBooleanValue(literal.Boolean);
                break;
            case LiteralKind.Number:
                w.WriteNumberValue(Literal.Normalize(literal.Number));
                break;
            case LiteralKind.String:
                w.WriteStringValue(literal.Text);
                break;
            default:
                w.WriteStartArray();
                foreach (var item in literal.Items)
                {
                    WriteLiteral(w, item);
                }

                w.WriteEndArray();
                break;
        }
    }
}
