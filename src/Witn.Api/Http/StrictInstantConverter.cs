using System.Text.Json;
using System.Text.Json.Serialization;
using Witn.Domain.Common;

namespace Witn.Api.Http;

/// <summary>
/// Reads instants in request bodies by the one rule (<see cref="Instants.TryParse(ReadOnlySpan{char}, out DateTimeOffset)"/>);
/// System.Text.Json alone would read <c>2026-11-02T10:00:00</c> in the server's time zone. Writes as before.
/// </summary>
public sealed class StrictInstantConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
        // Well formed but out of the supported range: returned (beyond the calendar as MinValue), so the handler's
        // range check names the field and gives the range.
        if (text is not null && Instants.TryParse(text.AsSpan(), out var instant) != InstantParse.Malformed)
        {
            return instant;
        }

        throw new JsonException(text is null
            ? "an instant must be a string such as 2026-11-01T00:00:00Z"
            : $"'{text}' is not an instant with a time and an offset: write it as {Instants.Rule}");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}
