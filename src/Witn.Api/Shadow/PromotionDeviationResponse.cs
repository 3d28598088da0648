namespace Witn.Api.Shadow;

/// <summary>The deviation a refused promotion measured: the current period of one tenant, live and shadow totals, the delta.</summary>
public sealed record PromotionDeviationResponse(string TenantId, DateOnly PeriodStart, string Currency, string Live, string Shadow, ShadowDeltaResponse Delta);
