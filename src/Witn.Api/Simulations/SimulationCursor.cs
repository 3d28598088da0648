using Witn.Abstractions.Replay;

namespace Witn.Api.Simulations;

/// <summary>The next_after of a flip or mismatch list: tenant, definition and correlation, joined by newlines (none of the three holds one).</summary>
public readonly record struct SimulationCursor(string Tenant, string Definition, string Correlation)
{
    public static string Of(SimulationOutcomeInfo o) => $"{o.TenantId}\n{o.Definition}\n{o.Correlation}";

    public static SimulationCursor? Parse(string after) =>
        after.Split('\n', 3) is [var tenant, var definition, var correlation] ? new SimulationCursor(tenant, definition, correlation) : null;
}
