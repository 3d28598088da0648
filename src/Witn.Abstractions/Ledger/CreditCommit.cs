namespace Witn.Abstractions.Ledger;

/// <summary>A credit reversing a charge in full (amount null when the charge had none), with its own evidence.</summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.credit-commit")]
public sealed record CreditCommit(
    [property: Id(0)] Guid ChargeId,
    [property: Id(1)] string Reason,
    [property: Id(2)] decimal? Amount,
    [property: Id(3)] string EvidenceJson);
