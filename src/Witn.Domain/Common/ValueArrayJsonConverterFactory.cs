using System.Text.Json;
using System.Text.Json.Serialization;

namespace Witn.Domain.Common;

internal sealed class ValueArrayJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueArray<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(ValueArrayJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class ValueArrayJsonConverter<T> : JsonConverter<ValueArray<T>>
    {
        public override ValueArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null
                ? default
                : (JsonSerializer.Deserialize<T[]>(ref reader, options) ?? []).ToValueArray();

        public override void Write(Utf8JsonWriter writer, ValueArray<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsSpan().ToArray(), options);
    }
}
