namespace Witn.Api.Quality;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/quality/compare</c>: two versions of one agent over the same days (and definition, when
/// given): each version's figures, then each rate compared with the test named in <see cref="Test"/>.
/// </summary>
public sealed record QualityCompareResponse(
    string TenantId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Definition,
    string Agent,
    IReadOnlyList<QualityVersionResponse> Versions,
    IReadOnlyList<QualityComparisonResponse> Comparisons,
    string Test);
