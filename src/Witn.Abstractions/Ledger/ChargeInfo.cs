namespace Witn.Abstractions.Ledger;

/// <summary>A committed charge as stored (amount and unit price are null when the contract rates it on the invoice).</summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.charge-info")]
public sealed record ChargeInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Outcome,
    [property: Id(3)] int DefinitionVersion,
    [property: Id(4)] string Correlation,
    [property: Id(5)] DateTimeOffset QualifiedAt,
    [property: Id(6)] DateTimeOffset SettlesAt,
    [property: Id(7)] DateTimeOffset CommittedAt,
    [property: Id(8)] string? AgentId,
    [property: Id(9)] string? AgentVersion,
    [property: Id(10)] string DimensionsJson,
    [property: Id(11)] decimal? Value,
    [property: Id(12)] int? ContractVersion,
    [property: Id(13)] string? Currency,
    [property: Id(14)] decimal? UnitPrice,
    [property: Id(15)] decimal? Amount,
    [property: Id(16)] string EvidenceJson,
    [property: Id(17)] int Sequence = 1);
