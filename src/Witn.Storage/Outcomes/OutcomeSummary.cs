namespace Witn.Storage.Outcomes;

/// <summary>The queryable columns of one outcome's stored state (instants UTC, microsecond precision).</summary>
public sealed record OutcomeSummary(
    string TenantId,
    string Definition,
    string Correlation,
    int DefinitionVersion,
    string Status,
    DateTimeOffset? FirstEventAt,
    DateTimeOffset? QualifiedAt,
    DateTimeOffset? SettlesAt,
    DateTimeOffset? NextDueAt,
    Guid? ChargeId,
    Guid? CreditId,
    int EventCount,
    DateTimeOffset UpdatedAt);
