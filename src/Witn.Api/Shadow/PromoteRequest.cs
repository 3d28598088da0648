namespace Witn.Api.Shadow;

/// <summary>
/// Body of the promote routes: <c>at</c>, the period start from which the shadow version is live;
/// <c>max_delta_percent</c>, the largest deviation of the current period accepted (none: any); <c>force</c> to
/// promote past it anyway.
/// </summary>
public sealed record PromoteRequest(DateTimeOffset? At, decimal? MaxDeltaPercent, bool? Force);
