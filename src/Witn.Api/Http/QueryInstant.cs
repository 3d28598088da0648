using System.Diagnostics.CodeAnalysis;
using Witn.Domain.Common;

namespace Witn.Api.Http;

/// <summary>
/// An instant given in a query string, by the one rule (<see cref="Instants.TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/>):
/// RFC 3339 with a time and an offset (<c>2026-11-01T00:00:00Z</c>, <c>2026-11-01T01:00:00.5%2B01:00</c>). Nothing looser: a date alone or a time without an offset would be read in
/// the server's time zone or on today's date, and a billing query must not depend on where or when it runs. It must
/// also lie in the supported range of instants (<see cref="Instants"/>).
/// </summary>
public static class QueryInstant
{
    /// <summary>Null text is no instant (and no error); anything else must be an ISO 8601 instant with an offset.</summary>
    public static bool TryParse(string name, string? text, out DateTimeOffset? instant, [NotNullWhen(false)] out InputError? error)
    {
        instant = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        switch (Instants.TryParse(text.AsSpan(), out var parsed))
        {
            case InstantParse.Valid:
                instant = parsed;
                return true;
            case InstantParse.OutOfRange:
                error = new InputError(name, Instants.OutOfRange(name, text), Instants.RangeHint);
                return false;
        }

        // A '+' offset that was not percent-encoded arrives as a space.
        var hint = text.Contains(' ', StringComparison.Ordinal)
            ? $"write {name} as an ISO 8601 instant and encode a '+' offset as %2B in the URL (2026-11-01T01:00:00%2B01:00), or use Z"
            : $"write {name} as an ISO 8601 instant with a time and an offset, such as 2026-11-01T00:00:00Z";
        error = new InputError(name, $"'{text}' is not an instant with a time and an offset", hint);
        return false;
    }
}
