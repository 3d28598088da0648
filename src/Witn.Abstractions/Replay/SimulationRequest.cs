using System.Text.Json.Serialization;

namespace Witn.Abstractions.Replay;

/// <summary>
/// What a simulation replays, as stored with it: the event-time range of outcomes (by first event), the tenants
/// (all when null), candidate definitions by name and candidate contracts by tenant (YAML or JSON text, already
/// validated), and the real instant the replay stops at (when it was asked). No candidates: a parity replay only.
/// Stored with the simulation as JSON (the API writes it, the replay grains read it). <see cref="Rebuild"/>: also
/// write every replayed outcome's stored state (POST /v1/admin/rebuild).
/// </summary>
public sealed record SimulationRequest(
    [property: JsonPropertyName("from")] DateTimeOffset? From,
    [property: JsonPropertyName("to")] DateTimeOffset? To,
    [property: JsonPropertyName("tenants")] IReadOnlyList<string>? Tenants,
    [property: JsonPropertyName("definitions")] IReadOnlyDictionary<string, string>? Definitions,
    [property: JsonPropertyName("contracts")] IReadOnlyDictionary<string, string>? Contracts,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("until")] DateTimeOffset Until,
    [property: JsonPropertyName("rebuild")] bool Rebuild = false)
{
    [JsonIgnore]
    public bool HasCandidates => Definitions is { Count: > 0 } || Contracts is { Count: > 0 };
}
