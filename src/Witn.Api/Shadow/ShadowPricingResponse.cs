using Witn.Abstractions.Shadow;
using Witn.Domain.Money;

namespace Witn.Api.Shadow;

/// <summary>One side's pricing of a flipped outcome: billed, the flat amount (null: unbilled, or rated on the invoice), the contract version.</summary>
public sealed record ShadowPricingResponse(bool Billed, string? Amount, int? ContractVersion)
{
    public static ShadowPricingResponse From(ShadowPricing p, string currency) => new(p.Billed, MoneyFormat.Text(p.Amount, currency), p.ContractVersion);
}
