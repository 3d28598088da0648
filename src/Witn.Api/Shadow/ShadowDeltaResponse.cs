using Witn.Domain.Invoices;
using Witn.Domain.Money;

namespace Witn.Api.Shadow;

/// <summary>Shadow minus live: the amount (decimal string) and the percentage of live (null when live is zero and shadow is not).</summary>
public sealed record ShadowDeltaResponse(string Amount, decimal? Percent)
{
    public static ShadowDeltaResponse Of(decimal live, decimal shadow, string currency) =>
        new(MoneyFormat.Text(shadow - live, currency), PriceDeviation.Percent(live, shadow));
}
