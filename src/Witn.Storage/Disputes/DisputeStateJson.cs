using System.Text.Json;
using System.Text.Json.Serialization;
using Witn.Domain.Disputes;

namespace Witn.Storage.Disputes;

/// <summary>
/// The stored form of a dispute's full state (disputes.state, dispute_history.state): the domain record as JSON,
/// snake_case names, enums by name, so the column is readable in psql and stable across enum reordering.
/// </summary>
public static class DisputeStateJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static string Write(Dispute dispute) => JsonSerializer.Serialize(dispute, Options);

    public static Dispute Read(string json) =>
        JsonSerializer.Deserialize<Dispute>(json, Options) ?? throw new InvalidOperationException("a stored dispute state is null");
}
