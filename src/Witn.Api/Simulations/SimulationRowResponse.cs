namespace Witn.Api.Simulations;

/// <summary>
/// Actual against simulated for one group (a tenant, a definition or a period) in one currency: outcomes settled
/// and the net amount (charges minus credits), the delta, and the delta in percent of actual (null when actual is 0).
/// </summary>
public sealed record SimulationRowResponse(
    string Key,
    string? Currency,
    long ActualOutcomes,
    long SimulatedOutcomes,
    string ActualAmount,
    string SimulatedAmount,
    string DeltaAmount,
    decimal? DeltaPercent);
