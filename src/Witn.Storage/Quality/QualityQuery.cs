using Witn.Domain.Quality;

namespace Witn.Storage.Quality;

/// <summary>
/// What to sum: the tenant's cells of days [From, To) (either end open when null), grouped and split in time, and
/// kept only where they match the filters (null: any). Cells of events (definition '') drop out under a definition
/// filter or grouping, since events are counted before they are routed to a definition.
/// </summary>
public sealed record QualityQuery(
    string TenantId,
    DateOnly? From,
    DateOnly? To,
    QualityGrouping By,
    QualityInterval Interval,
    string? Definition = null,
    string? AgentId = null,
    IReadOnlyList<string>? AgentVersions = null);
