using Witn.Domain.Common;

namespace Witn.Domain.Contracts;

/// <summary>Tiers over the count of the outcome in a billing period; rated on the invoice, where the count is known.</summary>
public sealed record TieredPrice(string Outcome, TierMode Mode, ValueArray<PriceTier> Tiers, decimal? MaxPerPeriod)
    : OutcomePrice(Outcome, MaxPerPeriod);
