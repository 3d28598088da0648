using System.Text.Json;

namespace Witn.Api.Simulations;

/// <summary>One outcome where replay with the versions in force did not give back the ledger: the differences and both sides.</summary>
public sealed record SimulationMismatchResponse(string Tenant, string Definition, string Correlation, IReadOnlyList<string> Differences, JsonElement Replay, JsonElement Ledger);
