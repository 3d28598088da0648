using System.Text.Json;
using System.Text.Json.Serialization;
using Witn.Domain.Common;

namespace Witn.Api.Http;

/// <summary>
/// Reads instants in request bodies as ISO 8601 with a time and an offset only (<see cref="Instants.TryParseIso"/>);
/// System.Text.Json alone would read <c>2026-11-02T10:00:00</c> in the server's time zone. Writes as before.
/// </summary>
public sealed class StrictInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
        if (text is not null && Instants.TryParseIso(text, out var instant))
        {
            return instant;
        }

        throw new JsonException(text is null
            ? "an instant must be a string such as 2026-11-01T00:00:00Z"
            : $"'{text}' is not an instant with a time and an offset: write it like 2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
