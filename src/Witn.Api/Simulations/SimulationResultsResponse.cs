namespace Witn.Api.Simulations;

/// <summary>
/// <c>GET /v1/simulations/{id}/results?by=</c>: parity first, then actual against simulated per group, the totals per
/// currency, the spread of the per-tenant change and the tenants that move most (largest absolute delta first).
/// </summary>
public sealed record SimulationResultsResponse(
    Guid Simulation,
    string By,
    ParityResponse? Parity,
    IReadOnlyList<SimulationRowResponse> Rows,
    IReadOnlyList<SimulationRowResponse> Totals,
    TenantChangeResponse TenantChange,
    IReadOnlyList<SimulationRowResponse> TopMovers);
