using Witn.Domain.Common;

namespace Witn.Domain.Contracts;

/// <summary>
/// Usage billed beside outcomes: events of type <see cref="Event"/> aggregated per billing period, priced by
/// <see cref="UnitPrice"/> or by <see cref="Tiers"/> (then <see cref="Mode"/> says how). Rated on the invoice.
/// </summary>
public sealed record Meter(
    string Name,
    string Event,
    MeterAggregate Aggregate,
    string? Property,
    decimal? UnitPrice,
    TierMode Mode,
    ValueArray<PriceTier> Tiers);
