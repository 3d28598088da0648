using System.Text.Json;
using System.Text.Json.Serialization;

namespace Witn.Abstractions.Http;

/// <summary>
/// The JSON conventions the HTTP API and its .NET client share, in one place: snake_case property names and enum
/// values, dictionary keys as given (they are data: dimension values, property names). The API adds its strictness
/// on reading (<c>WitnApi.Configure</c>: unknown and repeated fields refused, RFC 3339 instants); the client adds
/// leniency (a newer server may send more fields). Stored state has its own, fixed form and does not use these.
/// </summary>
public static class WitnJsonConventions
{
    /// <summary>Applies the conventions to <paramref name="options"/> and returns it.</summary>
    public static JsonSerializerOptions Apply(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
