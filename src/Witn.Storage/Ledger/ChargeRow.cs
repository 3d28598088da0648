namespace Witn.Storage.Ledger;

/// <summary>A committed charge as stored: timestamps in UTC at microsecond precision, JSON as jsonb renders it.</summary>
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
    string? PriceBucket);
