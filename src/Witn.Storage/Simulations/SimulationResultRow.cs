namespace Witn.Storage.Simulations;

/// <summary>Actual and simulated figures of one tenant, definition ('' for period-level lines) and period; amounts net, in minor units.</summary>
public sealed record SimulationResultRow(
    string TenantId,
    string Definition,
    DateTimeOffset Period,
    string? Currency,
    long ActualOutcomes,
    long ActualAmountMinor,
    long SimulatedOutcomes,
    long SimulatedAmountMinor);
