using System.Text.Json;
using System.Text.Json.Serialization;

namespace Witn.Client.Http;

/// <summary>
/// The API's JSON conventions (snake_case names and enum values), but lenient on reading: a newer server may add
/// fields, and an older client must still read its answers.
/// </summary>
internal static class WitnJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
