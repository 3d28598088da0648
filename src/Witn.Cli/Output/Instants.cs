using System.Globalization;

namespace Witn.Cli.Output;

/// <summary>Comparing the API's instants (ISO 8601 with an offset) as instants, not as text.</summary>
public static class Instants
{
    public static DateTimeOffset? Parse(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    /// <summary>Whether <paramref name="text"/> is after <paramref name="baseline"/>; everything is after an empty baseline.</summary>
    public static bool After(string text, string baseline) =>
        baseline.Length == 0 || (Parse(text) is { } at && Parse(baseline) is { } b && at > b);

    /// <summary>A key that sorts instants in time order (UTC, round-trip form).</summary>
    public static string Sortable(string text) => Parse(text)?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? text;
}
