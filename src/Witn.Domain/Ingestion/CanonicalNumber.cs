namespace Witn.Domain.Ingestion;

/// <summary>
/// The canonical text of a JSON number: its exact decimal value, shortest form, laid out like ECMAScript's
/// Number.prototype.toString (so it agrees with RFC 8785 wherever a double holds the value exactly) but never
/// rounded through a double: <c>1.0</c> → <c>1</c>, <c>1.50</c> → <c>1.5</c>, <c>-0</c> → <c>0</c>,
/// <c>1E2</c> → <c>100</c>, <c>1e21</c> → <c>1e+21</c>, <c>0.0000001</c> → <c>1e-7</c>, and
/// <c>12345678901234567890</c> stays exact. A billing system must not round an amount on the way in.
/// </summary>
internal static class CanonicalNumber
{
    /// <summary>The problem when <see cref="TryWrite"/> refuses a number.</summary>
    public const string OutOfRange =
        "has a number beyond what can be stored (at most 131,072 digits before the decimal point and 16,383 after): send it as a string";

    // PostgreSQL's numeric (which jsonb uses for every number) holds up to 131,072 digits before the decimal point and
    // 16,383 after it; beyond that the event could be acked by nobody, so it is refused here.
    private const long MaxIntegerDigits = 131_072;
    private const long MaxFractionDigits = 16_383;

    // Only guards the exponent's own parsing against overflow; the limits above decide.
    private const long MaxExponentText = 1_000_000_000;

    /// <summary>Writes the canonical form of a valid JSON number; false when PostgreSQL could not store its value.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> raw, CanonicalJsonWriter writer)
    {
        // Fast path: an integer of at most 21 digits is already canonical (JSON forbids leading zeros).
        if (raw.Length - (raw[0] == '-' ? 1 : 0) <= 21 && !raw.ContainsAny("eE."u8))
        {
            writer.Append(raw is [(byte)'-', (byte)'0'] ? "0"u8 : raw);
            return true;
        }

        var negative = raw[0] == '-';
        var s = negative ? raw[1..] : raw;
        var e = s.IndexOfAny("eE"u8);
        var mantissa = e < 0 ? s : s[..e];
        long exponent = 0;
        if (e >= 0 && !TryParseExponent(s[(e + 1)..], out exponent))
        {
            return false;
        }

        var dot = mantissa.IndexOf((byte)'.');
        Span<byte> digits = mantissa.Length <= 256 ? stackalloc byte[mantissa.Length] : new byte[mantissa.Length];
        var count = 0;
        foreach (var c in mantissa)
        {
            if (c != '.')
            {
                digits[count++] = c;
            }
        }

        if (dot >= 0)
        {
            exponent -= mantissa.Length - dot - 1;
        }

        var d = digits[..count];
        var firstDigit = d.IndexOfAnyExcept((byte)'0');
        d = firstDigit < 0 ? [] : d[firstDigit..];
        if (d.IsEmpty)
        {
            writer.Append((byte)'0');
            return true;
        }

        var last = d.LastIndexOfAnyExcept((byte)'0');
        exponent += d.Length - 1 - last;
        d = d[..(last + 1)];

        // value = d × 10^exponent; n is where the decimal point falls relative to the digits.
        var k = d.Length;
        var n = k + exponent;
        if (n > MaxIntegerDigits || k - n > MaxFractionDigits)
        {
            return false;
        }

        if (negative)
        {
            writer.Append((byte)'-');
        }

        if (k <= n && n <= 21)
        {
            writer.Append(d);
            for (var i = k; i < n; i++)
            {
                writer.Append((byte)'0');
            }
        }
        else if (0 < n && n <= 21)
        {
            writer.Append(d[..(int)n]);
            writer.Append((byte)'.');
            writer.Append(d[(int)n..]);
        }
        else if (-6 < n && n <= 0)
        {
            writer.Append("0."u8);
            for (var i = n; i < 0; i++)
            {
                writer.Append((byte)'0');
            }

            writer.Append(d);
        }
        else
        {
            writer.Append(d[0]);
            if (k > 1)
            {
                writer.Append((byte)'.');
                writer.Append(d[1..]);
            }

            writer.Append((byte)'e');
            writer.Append(n - 1 >= 0 ? (byte)'+' : (byte)'-');
            Span<byte> text = stackalloc byte[20];
            System.Buffers.Text.Utf8Formatter.TryFormat(Math.Abs(n - 1), text, out var written);
            writer.Append(text[..written]);
        }

        return true;
    }

    private static bool TryParseExponent(ReadOnlySpan<byte> s, out long exponent)
    {
        exponent = 0;
        var negative = false;
        if (s[0] is (byte)'+' or (byte)'-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        s = s[(s.IndexOfAnyExcept((byte)'0') is var first and >= 0 ? first : s.Length)..];
        if (s.Length > 10)
        {
            return false;
        }

        foreach (var c in s)
        {
            exponent = (exponent * 10) + (c - '0');
        }

        exponent = negative ? -exponent : exponent;
        return Math.Abs(exponent) <= MaxExponentText * 2;
    }
}
