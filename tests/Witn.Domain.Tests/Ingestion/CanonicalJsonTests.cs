using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Witn.Domain.Ingestion;
using static Witn.Domain.Tests.Ingestion.Envelopes;

namespace Witn.Domain.Tests.Ingestion;

public sealed class CanonicalJsonTests
{
    // A JSON value model: numbers are exact decimals, objects have unique keys.
    private abstract record J;

    private sealed record JNull : J;

    private sealed record JBool(bool Value) : J;

    private sealed record JNum(decimal Value) : J;

    private sealed record JStr(string Value) : J;

    private sealed record JArr(J[] Items) : J;

    private sealed record JObj((string Key, J Value)[] Members) : J;

    private static readonly string[] Pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u001f", "\u007f", "é", "€", "😀", "\u2028", "\uffff", "\ue000"];

    private static readonly Gen<string> GenString = Gen.OneOf(Pieces).Array[0, 5].Select(string.Concat);

    private static readonly Gen<J> GenLeaf = Gen.Frequency(
        (1, Gen.Const<J>(new JNull())),
        (1, Gen.Bool.Select(b => (J)new JBool(b))),
        (3, Gen.Long[-1_000_000_000_000, 1_000_000_000_000].Select(Gen.Int[0, 8], (m, scale) => (J)new JNum(new decimal((int)(uint)(ulong)Math.Abs(m), (int)(uint)((ulong)Math.Abs(m) >> 32), 0, m < 0, (byte)scale)))),
        (3, GenString.Select(s => (J)new JStr(s))));

    private static readonly Gen<J> GenValue = GenJ(3);

    private static readonly Gen<J> GenObject = GenMembers(GenValue).Select(m => (J)new JObj(m));

    private static Gen<J> GenJ(int depth) => depth == 0
        ? GenLeaf
        : Gen.Frequency(
            (4, GenLeaf),
            (1, GenJ(depth - 1).Array[0, 4].Select(items => (J)new JArr(items))),
            (1, GenMembers(GenJ(depth - 1)).Select(m => (J)new JObj(m))));

    private static Gen<(string, J)[]> GenMembers(Gen<J> values) =>
        Gen.Select(GenString, values).Array[0, 5].Select(ms => ms.DistinctBy(m => m.Item1, StringComparer.Ordinal).ToArray());

    /// <summary>Writes the value with random key order, whitespace, escapes and number spellings.</summary>
    private static string Render(J value, Random random)
    {
        var sb = new StringBuilder();
        Write(value);
        return sb.ToString();

        void Ws() => sb.Append(random.Next(4) switch { 0 => "", 1 => " ", 2 => "\n  ", _ => "\t" });

        void Write(J j)
        {
            Ws();
            switch (j)
            {
                case JNull: sb.Append("null"); break;
                case JBool b: sb.Append(b.Value ? "true" : "false"); break;
                case JNum n: sb.Append(Number(n.Value, random)); break;
                case JStr s: WriteString(s.Value); break;
                case JArr a:
                    sb.Append('[');
                    for (var i = 0; i < a.Items.Length; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        Write(a.Items[i]);
                    }

                    Ws();
                    sb.Append(']');
                    break;
                case JObj o:
                    sb.Append('{');
                    var members = o.Members.OrderBy(_ => random.Next()).ToArray();
                    for (var i = 0; i < members.Length; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        Ws();
                        WriteString(members[i].Key);
                        Ws();
                        sb.Append(':');
                        Write(members[i].Value);
                    }

                    Ws();
                    sb.Append('}');
                    break;
            }

            Ws();
        }

        void WriteString(string s)
        {
            sb.Append('"');
            foreach (var rune in s.EnumerateRunes())
            {
                var c = rune.IsBmp ? (char)rune.Value : '\0';
                var mustEscape = rune.Value < 0x20 || c == '"' || c == '\\';
                if (mustEscape || random.Next(4) == 0)
                {
                    var hex = random.Next(2) == 0 ? "x4" : "X4";
                    sb.Append(c switch
                    {
                        '"' when random.Next(2) == 0 => "\\\"",
                        '\\' when random.Next(2) == 0 => "\\\\",
                        '\n' when random.Next(2) == 0 => "\\n",
                        '/' when random.Next(2) == 0 => "\\/",
                        _ => string.Concat(rune.ToString().Select(u => "\\u" + ((int)u).ToString(hex, CultureInfo.InvariantCulture))),
                    });
                }
                else
                {
                    sb.Append(rune.ToString());
                }
            }

            sb.Append('"');
        }
    }

    /// <summary>The same decimal value spelled one of several ways: 1.5, 1.50, 15e-1, 0.15E1, 1.5e+0.</summary>
    private static string Number(decimal value, Random random)
    {
        var plain = value.ToString(CultureInfo.InvariantCulture);
        var sign = plain.StartsWith('-') ? "-" : "";
        var digits = plain.TrimStart('-');
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var mantissa = dot < 0 ? digits : digits.Remove(dot, 1);
        var scale = dot < 0 ? 0 : digits.Length - dot - 1;
        return random.Next(5) switch
        {
            0 => plain,
            1 => plain + (dot < 0 ? ".000" : "00"),
            2 => $"{sign}{mantissa}e-{scale}",
            3 => $"{sign}{mantissa}0E-{scale + 1}",
            _ => $"{sign}0.{mantissa}e+{mantissa.Length - scale}",
        };
    }

    private static bool SameValue(J a, J b) => (a, b) switch
    {
        (JNull, JNull) => true,
        (JBool x, JBool y) => x.Value == y.Value,
        (JNum x, JNum y) => x.Value == y.Value,
        (JStr x, JStr y) => string.Equals(x.Value, y.Value, StringComparison.Ordinal),
        (JArr x, JArr y) => x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => SameValue(p.First, p.Second)),
        (JObj x, JObj y) => x.Members.Length == y.Members.Length
            && x.Members.All(m => y.Members.Any(n => string.Equals(m.Key, n.Key, StringComparison.Ordinal) && SameValue(m.Value, n.Value))),
        _ => false,
    };

    [Theory]
    [InlineData("""{ "b" : 1, "a" : [true, false, null] }""", """{"a":[true,false,null],"b":1}""")]
    [InlineData("""{"é": 1, "z": 2, "A": 3, "😀": 4, "\ue000": 5}""", "{\"A\":3,\"z\":2,\"é\":1,\"😀\":4,\"\ue000\":5}")] // UTF-16 order: surrogates before U+E000
    [InlineData("""["\u0041\u00e9\/", "\u001f\b\f\n\r\t\"\\", "\u2028"]""", "[\"Aé/\",\"\\u001f\\b\\f\\n\\r\\t\\\"\\\\\",\"\u2028\"]")]
    [InlineData("[1.0, 1.50, -0, -0.0, 1E2, 1e21, 1e20, 0.000001, 0.0000001, 123e-2, 12345678901234567890123, 1.5e-10, -2.50E+3]",
        "[1,1.5,0,0,100,1e+21,100000000000000000000,0.000001,1e-7,1.23,1.2345678901234567890123e+22,1.5e-10,-2500]")]
    [InlineData("0.10000000000000000000000000001", "0.10000000000000000000000000001")]
    public void canonical_text_examples(string json, string canonical) =>
        Assert.Equal(canonical, CanonicalJson.Canonicalize(json));

    [Fact]
    public void a_duplicate_key_is_refused() =>
        Assert.Equal("a has the key 'x' twice: send valid, unambiguous JSON", Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize("""{"a": {"x": 1, "x": 2}}""")).Message);

    [Fact]
    public void reformatting_permuting_keys_and_respelling_numbers_and_escapes_gives_the_same_canonical_text_and_hash() =>
        Gen.Select(GenObject, Gen.Int, Gen.Int).Sample((value, seed1, seed2) =>
        {
            var a = CanonicalJson.Canonicalize(Render(value, new Random(seed1)));
            var b = CanonicalJson.Canonicalize(Render(value, new Random(seed2)));
            Assert.Equal(a, b);
            Assert.Equal(EventIdentity.ContentHash("t", Now, null, a), EventIdentity.ContentHash("t", Now, null, b));
        });

    [Fact]
    public void distinct_values_give_distinct_canonical_text() =>
        Gen.Select(GenValue, GenValue, Gen.Int).Sample((x, y, seed) =>
        {
            var random = new Random(seed);
            var same = string.Equals(CanonicalJson.Canonicalize(Render(x, random)), CanonicalJson.Canonicalize(Render(y, random)), StringComparison.Ordinal);
            Assert.Equal(SameValue(x, y), same);
        });

    [Fact]
    public void canonical_text_is_a_fixed_point_and_means_the_same_json() =>
        Gen.Select(GenValue, Gen.Int).Sample((value, seed) =>
        {
            var text = Render(value, new Random(seed));
            var canonical = CanonicalJson.Canonicalize(text);
            Assert.Equal(canonical, CanonicalJson.Canonicalize(canonical));
            using var original = JsonDocument.Parse(text);
            using var again = JsonDocument.Parse(canonical);
            Assert.True(JsonElement.DeepEquals(original.RootElement, again.RootElement), $"{text} => {canonical}");
        });

    [Fact]
    public void parse_then_canonical_then_parse_is_idempotent() =>
        Gen.Select(GenObject, Gen.Int).Sample((value, seed) =>
        {
            var body = With("properties", Render(value, new Random(seed)));
            var first = EventValidator.Validate(Single(body), Acme).Event!;
            var second = EventValidator.Validate(Single(With("properties", first.PropertiesJson)), Acme).Event!;
            Assert.Equal(first, second);
        });
}
