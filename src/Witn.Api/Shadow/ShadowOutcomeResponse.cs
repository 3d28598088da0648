using Witn.Abstractions.Shadow;
using Witn.Domain.Money;

namespace Witn.Api.Shadow;

/// <summary>One outcome type (definition), live and shadow; <c>shadow_definition</c>: billed on the shadow side only.</summary>
public sealed record ShadowOutcomeResponse(string Outcome, bool ShadowDefinition, ShadowSideResponse Live, ShadowSideResponse Shadow, ShadowDeltaResponse Delta)
{
    public static ShadowOutcomeResponse From(ShadowOutcomeLine l, string currency) =>
        new(l.Outcome, l.ShadowDefinition,
            new ShadowSideResponse(l.LiveCount, MoneyFormat.Text(l.LiveAmount, currency)),
            new ShadowSideResponse(l.ShadowCount, MoneyFormat.Text(l.ShadowAmount, currency)),
            ShadowDeltaResponse.Of(l.LiveAmount, l.ShadowAmount, currency));
}
