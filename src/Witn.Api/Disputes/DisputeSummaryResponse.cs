namespace Witn.Api.Disputes;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/disputes/summary</c>: the range asked for (null ends are open), the grouping
/// (null: one group for the whole tenant) and the groups, ordered by their key.
/// </summary>
public sealed record DisputeSummaryResponse(string TenantId, DateTimeOffset? From, DateTimeOffset? To, string? By, IReadOnlyList<DisputeSummaryGroupResponse> Groups);
