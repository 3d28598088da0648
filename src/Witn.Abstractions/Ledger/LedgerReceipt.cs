namespace Witn.Abstractions.Ledger;

/// <summary>
/// The id of the ledger row a commit resolved to, and whether this commit created it. For a charge,
/// <see cref="Charge"/> is the row as stored: a retry that found an earlier commit learns the terms that one has.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.receipt")]
public sealed record LedgerReceipt([property: Id(0)] Guid Id, [property: Id(1)] bool Created, [property: Id(2)] OutcomeChargeInfo? Charge = null);
