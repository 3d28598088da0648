using System.Text.Json;

namespace Witn.Api.Simulations;

/// <summary>One outcome whose status or amount the simulation changed: both explanations and the events behind it.</summary>
public sealed record SimulationFlipResponse(string Tenant, string Definition, string Correlation, JsonElement Before, JsonElement After, IReadOnlyList<Guid> EventIds);
