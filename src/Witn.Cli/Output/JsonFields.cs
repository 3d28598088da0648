using System.Globalization;
using System.Text.Json;

namespace Witn.Cli.Output;

/// <summary>Reading the API's JSON for display: a dotted path to a field, as text ("" when absent or null).</summary>
public static class JsonFields
{
    public static JsonElement? Get(JsonElement element, string path)
    {
        var current = element;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    public static string Text(JsonElement element, string path) => Get(element, path) is { } v ? Text(v) : "";

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    public static IEnumerable<JsonElement> Items(JsonElement element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];

    public static bool Bool(JsonElement element, string path) => Get(element, path) is { ValueKind: JsonValueKind.True };

    public static long Long(JsonElement element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var v) ? v : 0;

    public static double Double(JsonElement element, string path) =>
        Get(element, path) is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : 0;

    public static string Invariant(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
