namespace Witn.Domain.Exports;

/// <summary>What comparing one line with the provider found.</summary>
public enum ReconciliationKind
{
    Matched,
    MissingAtProvider,
    AmountMismatch,
    UnknownAtProvider,
}
