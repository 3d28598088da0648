namespace Witn.Storage.Replay;

/// <summary>
/// One charge of an outcome as the ledger holds it, with its lifecycle credit (a reversal, void, re-pricing…) if
/// any; what a parity replay compares row for row. Amounts in minor units.
/// </summary>
public sealed record ReplayLedgerCharge(
    Guid Id,
    string Correlation,
    int Sequence,
    int? ContractVersion,
    string? Currency,
    decimal? UnitPrice,
    long? AmountMinor,
    string? Bucket,
    decimal? Value,
    DateTimeOffset QualifiedAt,
    DateTimeOffset SettlesAt,
    DateTimeOffset? Period,
    Guid? CreditId,
    string? CreditReason,
    DateTimeOffset? CreditEffectiveAt,
    DateTimeOffset? CreditPeriod,
    long? CreditAmountMinor);
