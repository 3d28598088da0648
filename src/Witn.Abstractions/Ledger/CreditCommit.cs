namespace Witn.Abstractions.Ledger;

/// <summary>
/// A credit reversing a charge in full, with its own evidence. A null amount lets the ledger value it from the
/// stored charge; <see cref="EffectiveAt"/> is the credit's time on the tenant's clock (it picks the invoice).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.credit-commit")]
public sealed record CreditCommit(
    [property: Id(0)] Guid ChargeId,
    [property: Id(1)] string Reason,
    [property: Id(2)] decimal? Amount,
    [property: Id(3)] string EvidenceJson,
    [property: Id(4)] DateTimeOffset EffectiveAt);
