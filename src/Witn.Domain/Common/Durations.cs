using System.Globalization;

namespace Witn.Domain.Common;

/// <summary>
/// The duration syntax of the definition language: a whole number followed by s, m, h or d
/// (<c>90s</c>, <c>15m</c>, <c>72h</c>, <c>7d</c>).
/// </summary>
public static class Durations
{
    public const string Hint = "write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 2)
        {
            return false;
        }

        var unit = text[^1];
        var digits = text.AsSpan(0, text.Length - 1);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000_000)
        {
            return false;
        }

        value = unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }

    /// <summary>Canonical text: the largest unit that divides the duration exactly (72h → 3d).</summary>
    public static string Format(TimeSpan value)
    {
        var seconds = (long)value.TotalSeconds;
        if (seconds != 0 && seconds % 86400 == 0)
        {
            return (seconds / 86400).ToString(CultureInfo.InvariantCulture) + "d";
        }

        if (seconds != 0 && seconds % 3600 == 0)
        {
            return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (seconds != 0 && seconds % 60 == 0)
        {
            return (seconds / 60).ToString(CultureInfo.InvariantCulture) + "m";
        }

        return seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }
}
