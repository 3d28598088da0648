namespace Witn.Abstractions.Ledger;

/// <summary>
/// A charge to commit, priced and explained by the outcome that is due (see the ledger's NewCharge);
/// <see cref="Sequence"/> is its place among the outcome's charges, which makes a retry find the first commit.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.charge-commit")]
public sealed record ChargeCommit(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Outcome,
    [property: Id(2)] int DefinitionVersion,
    [property: Id(3)] string Correlation,
    [property: Id(4)] DateTimeOffset QualifiedAt,
    [property: Id(5)] DateTimeOffset SettlesAt,
    [property: Id(6)] string? AgentId,
    [property: Id(7)] string? AgentVersion,
    [property: Id(8)] string DimensionsJson,
    [property: Id(9)] decimal? Value,
    [property: Id(10)] int? ContractVersion,
    [property: Id(11)] string? Currency,
    [property: Id(12)] decimal? UnitPrice,
    [property: Id(13)] decimal? Amount,
    [property: Id(14)] string EvidenceJson,
    [property: Id(15)] string? PriceBucket = null,
    [property: Id(16)] int Sequence = 1);
