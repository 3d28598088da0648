namespace Witn.Abstractions.Ledger;

/// <summary>The id of the ledger row a commit resolved to, and whether this commit created it.</summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.receipt")]
public sealed record LedgerReceipt([property: Id(0)] Guid Id, [property: Id(1)] bool Created);
