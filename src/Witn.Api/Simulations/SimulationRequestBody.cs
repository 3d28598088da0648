namespace Witn.Api.Simulations;

/// <summary>
/// <c>POST /v1/simulations</c>: the outcomes whose first event falls in [from, to) (both optional: all of history),
/// of some tenants (all when left out), replayed with the versions that were in force and, when given, with candidate
/// definitions (by name) and candidate contracts (by tenant), each as YAML or JSON text.
/// </summary>
public sealed record SimulationRequestBody(
    string? From,
    string? To,
    IReadOnlyList<string>? Tenants,
    IReadOnlyDictionary<string, string>? Definitions,
    IReadOnlyDictionary<string, string>? Contracts,
    string? Name);
