namespace Witn.Api.Tests;

/// <summary>The host with a tiny per-key bucket: three requests, then one more an hour.</summary>
public sealed class RateLimitedSilo() : InProcessSilo(new Dictionary<string, string?>
{
    ["Witn:RateLimit:TokenLimit"] = "3",
    ["Witn:RateLimit:TokensPerPeriod"] = "1",
    ["Witn:RateLimit:ReplenishmentPeriod"] = "01:00:00",
});
