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

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>
    /// Reads an ISO 8601 instant with a time and an offset (<c>Z</c> or <c>±hh:mm</c>) and nothing looser: a date
    /// alone or a time without an offset would be read in the server's time zone, so a client's request would mean
    /// different instants on different machines.
    /// </summary>
    public static bool TryParseIso(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="at"/> is in the supported range.</summary>
    public static bool InRange(DateTimeOffset at) => at >= Earliest && at < End;

    /// <summary>True when the date's midnight UTC is in the supported range (1970-01-01 to 8999-12-31).</summary>
    public static bool InRange(DateOnly date) => date.Year is >= 1970 and < 9000;

    /// <summary>The message for an instant (as the client wrote it) outside the supported range.</summary>
    public static string OutOfRange(string field, string text) => $"{field} '{text}' is outside the supported range of instants, {RangeText}";

    /// <summary>
    /// True when <paramref name="text"/>, an ISO 8601 date and time with an offset that did not parse as an instant,
    /// is well formed but lies beyond the calendar in UTC (9999-12-31T23:59:59-14:00, 0001-01-01T00:00:00+14:00):
    /// its local date and time parse and its offset is a valid one. Such a text is out of range, not malformed.
    /// </summary>
    public static bool IsBeyondCalendar(ReadOnlySpan<char> text, Func<string, bool> parsesWithoutOffset)
    {
        ArgumentNullException.ThrowIfNull(parsesWithoutOffset);
        var t = text.IndexOfAny('T', 't');
        if (t < 0 || text.Length < t + 7)
        {
            return false;
        }

        var offset = text[^6..];
        if (offset[0] is not ('+' or '-') || offset[3] != ':'
            || !int.TryParse(offset[1..3], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(offset[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours * 60 + minutes > 14 * 60 || minutes > 59)
        {
            return false;
        }

        return parsesWithoutOffset(text[..^6].ToString());
    }
}
