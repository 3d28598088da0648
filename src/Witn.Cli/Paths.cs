using System.Globalization;

namespace Witn.Cli;

/// <summary>Request paths with every caller-given segment escaped, and queries without the parameters left out.</summary>
public static class Paths
{
    public static string Segment(string value) => Uri.EscapeDataString(value);

    public static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? path : $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{string.Join('&', given)}";
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
