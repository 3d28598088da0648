namespace Witn.Storage.Simulations;

/// <summary>One rollup of what replay charged or credited: side (replay | simulated), kind (charge | credit | standing), period and line key.</summary>
public sealed record SimulationUsageRow(
    string Side,
    string Kind,
    DateTimeOffset Period,
    string Outcome,
    int? ContractVersion,
    string? Bucket,
    decimal? UnitPrice,
    long Quantity,
    decimal ValueSum,
    long AmountMinor);
