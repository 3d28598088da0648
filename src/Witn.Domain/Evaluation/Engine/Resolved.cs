using System.Text.Json;

namespace Witn.Domain.Evaluation.Engine;

internal enum ResolvedKind
{
    Missing,
    Json,
    String,
    Timestamp,
}

/// <summary>The value a path found in an event, without copying it out of the JSON.</summary>
internal readonly struct Resolved
{
    public readonly ResolvedKind Kind;
    public readonly JsonElement Json;
    public readonly string? String;
    public readonly DateTimeOffset Timestamp;

    private Resolved(ResolvedKind kind, JsonElement json, string? text, DateTimeOffset timestamp)
    {
        Kind = kind;
        Json = json;
        String = text;
        Timestamp = timestamp;
    }

    public static Resolved Missing => default;

    public static Resolved Of(JsonElement json) => new(ResolvedKind.Json, json, null, default);

    public static Resolved Of(string? text) => text is null ? default : new(ResolvedKind.String, default, text, default);

    public static Resolved Of(DateTimeOffset timestamp) => new(ResolvedKind.Timestamp, default, null, timestamp);

    /// <summary>Present and not JSON null.</summary>
    public bool Exists => Kind != ResolvedKind.Missing && !(Kind == ResolvedKind.Json && Json.ValueKind == JsonValueKind.Null);

    public string? AsText() => Kind switch
    {
        ResolvedKind.String => String,
        ResolvedKind.Timestamp => Timestamp.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ResolvedKind.Json => Json.ValueKind switch
        {
            JsonValueKind.String => Json.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => Json.GetRawText(),
        },
        _ => null,
    };

    public bool TryGetDecimal(out decimal value)
    {
        value = 0;
        return Kind == ResolvedKind.Json && Common.Decimals.TryRead(Json, out value);
    }
}
