using System.Text.Json;
using System.Text.Json.Serialization;

namespace Witn.Grains.Outcomes;

/// <summary>The JSON form of <see cref="OutcomeGrainState"/> in the outcomes table (enums by name, so rows stay readable).</summary>
public static class OutcomeStateJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
