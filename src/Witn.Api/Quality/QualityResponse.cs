namespace Witn.Api.Quality;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/quality</c>: the days asked for (null ends are open), the grouping and interval
/// (null: one group; the whole range as one interval) and the groups, ordered by their key.
/// </summary>
public sealed record QualityResponse(string TenantId, DateTimeOffset? From, DateTimeOffset? To, string? By, string? Interval, IReadOnlyList<QualityGroupResponse> Groups);
