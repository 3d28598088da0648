using System.Text.Json;
using System.Text.Json.Serialization;
using Witn.Abstractions.Http;

namespace Witn.Client.Http;

/// <summary>
/// The API's JSON conventions (<see cref="WitnJsonConventions"/>), but lenient on reading: a newer server may add
/// fields, and an older client must still read its answers.
/// </summary>
internal static class WitnJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = WitnJsonConventions.Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never });
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
