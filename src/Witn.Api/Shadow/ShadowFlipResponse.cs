using Witn.Abstractions.Shadow;

namespace Witn.Api.Shadow;

/// <summary>An outcome billed differently by shadow: its charge (null for a shadow definition's outcome), before and after.</summary>
public sealed record ShadowFlipResponse(Guid? ChargeId, string Outcome, string Correlation, ShadowPricingResponse Before, ShadowPricingResponse After)
{
    public static ShadowFlipResponse From(ShadowFlip f, string currency) =>
        new(f.ChargeId, f.Outcome, f.Correlation, ShadowPricingResponse.From(f.Before, currency), ShadowPricingResponse.From(f.After, currency));
}
