using System.Globalization;

namespace Witn.Domain.Common;

/// <summary>
/// Instants as the engine takes and shows them. Every instant a client gives (event timestamps, clock starts and
/// advances, evaluation times, contract starts, invoice periods) must lie in the supported range
/// [<see cref="Earliest"/>, <see cref="End"/>): from the Unix epoch to the start of the year 9000. The ~1000 years
/// between <see cref="End"/> and the calendar's end leave room for every window, period and grace added to an
/// instant, so arithmetic on accepted instants never overflows (docs/decisions.md).
/// </summary>
public static class Instants
{
    /// <summary>The first supported instant (inclusive): 1970-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The end of the supported range (exclusive): 9000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset End = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The range in words, for messages.</summary>
    public const string RangeText = "from 1970-01-01T00:00:00Z (inclusive) to 9000-01-01T00:00:00Z (exclusive)";

    /// <summary>The hint given with an out-of-range instant.</summary>
    public const string RangeHint = "use an instant from 1970-01-01T00:00:00Z up to, not including, 9000-01-01T00:00:00Z";

    /// <summary>The rule in words, for hints.</summary>
    public const string Rule = "an RFC 3339 date and time with seconds and an offset, such as 2026-11-02T09:30:00Z or 2026-11-02T10:30:00.5+01:00";

    /// <summary>
    /// The one reader of every instant a client writes as text (event timestamps, evaluate, definitions, contracts,
    /// query strings, JSON bodies): RFC 3339, <c>yyyy-MM-ddTHH:mm:ss[.f…]</c> then <c>Z</c> or <c>±hh:mm</c>
    /// (<c>T</c> and <c>Z</c> in either case, 1 to 9 fraction digits, offsets up to ±14:00). A date alone or a time
    /// without an offset is refused: it would be read in the server's time zone and mean different instants on different
    /// machines. The instant comes back in UTC, truncated to whole microseconds: what PostgreSQL's timestamptz keeps,
    /// so what is evaluated equals what is stored (<see cref="Ingestion.EventTimestamps"/>). Out of range, the instant
    /// is still given when the calendar holds it (9500-01-01T00:00:00Z), else <see cref="DateTimeOffset.MinValue"/>.
    /// </summary>
    public static InstantParse TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        instant = default;
        // yyyy-MM-ddTHH:mm:ss is 19 characters, the shortest offset (Z) one more.
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] is not ('T' or 't') || text[13] != ':' || text[16] != ':'
            || !Digits(text[..4], out var year) || !Digits(text[5..7], out var month) || !Digits(text[8..10], out var day)
            || !Digits(text[11..13], out var hour) || !Digits(text[14..16], out var minute) || !Digits(text[17..19], out var second))
        {
            return InstantParse.Malformed;
        }

        var rest = text[19..];
        long fraction = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits is 1 or > 10)
            {
                return InstantParse.Malformed;
            }

            // In ticks (seven digits); EventTimestamps.Normalize then truncates to the stored precision.
            for (var i = 1; i <= 7; i++)
            {
                fraction = (fraction * 10) + (i < digits ? rest[i] - '0' : 0);
            }

            rest = rest[digits..];
        }

        if (!Offset(rest, out var offsetMinutes)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return InstantParse.Malformed;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return InstantParse.OutOfRange;
        }

        instant = Ingestion.EventTimestamps.Normalize(new DateTimeOffset(ticks, TimeSpan.Zero));
        return InRange(instant) ? InstantParse.Valid : InstantParse.OutOfRange;
    }

    /// <summary>True for a valid instant in range (see <see cref="TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/>).</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && TryParse(text.AsSpan(), out instant) == InstantParse.Valid;
    }

    /// <summary>The message and hint for a text that did not parse as an instant, naming the field.</summary>
    public static (string Message, string Hint) Explain(string field, string text, InstantParse result) =>
        result == InstantParse.OutOfRange
            ? (OutOfRange(field, text), RangeHint)
            : ($"{field} '{Clip(text)}' is not an instant with a time and an offset", $"write {field} as {Rule}");

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private static bool Offset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text is ['Z' or 'z'])
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !Digits(text[1..3], out var hours) || !Digits(text[4..], out var mins) || mins > 59 || (hours * 60) + mins > 14 * 60)
        {
            return false;
        }

        minutes = (text[0] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="at"/> is in the supported range.</summary>
    public static bool InRange(DateTimeOffset at) => at >= Earliest && at < End;

    /// <summary>True when the date's midnight UTC is in the supported range (1970-01-01 to 8999-12-31).</summary>
    public static bool InRange(DateOnly date) => date.Year is >= 1970 and < 9000;

    /// <summary>The message for an instant (as the client wrote it) outside the supported range.</summary>
    public static string OutOfRange(string field, string text) => $"{field} '{text}' is outside the supported range of instants, {RangeText}";
}
