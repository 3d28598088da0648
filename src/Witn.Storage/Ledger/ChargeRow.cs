namespace Witn.Storage.Ledger;

/// <summary>
/// A committed charge as stored: timestamps in UTC at microsecond precision, JSON as jsonb renders it.
/// <see cref="Sequence"/> is its place among the outcome's charges (1 for the first).
/// </summary>
public sealed record ChargeRow(
    Guid Id,
    string TenantId,
    string Outcome,
    int DefinitionVersion,
    string Correlation,
    DateTimeOffset QualifiedAt,
    DateTimeOffset SettlesAt,
    DateTimeOffset CommittedAt,
    string? AgentId,
    string? AgentVersion,
    string DimensionsJson,
    decimal? Value,
    int? ContractVersion,
    string? Currency,
    decimal? UnitPrice,
    decimal? Amount,
    string EvidenceJson,
    DateTimeOffset? InvoicePeriod,
    string? PriceBucket,
    int Sequence = 1);
