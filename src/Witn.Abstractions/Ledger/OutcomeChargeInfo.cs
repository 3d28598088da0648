namespace Witn.Abstractions.Ledger;

/// <summary>One of an outcome's charges as the ledger holds it: its place, the terms it was rated with, and the credit that took it back, if any.</summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.outcome-charge")]
public sealed record OutcomeChargeInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Sequence,
    [property: Id(2)] int? ContractVersion,
    [property: Id(3)] string? Currency,
    [property: Id(4)] decimal? UnitPrice,
    [property: Id(5)] decimal? Amount,
    [property: Id(6)] string? Bucket,
    [property: Id(7)] decimal? Value,
    [property: Id(8)] Guid? CreditId);
