namespace Witn.Domain.Exports;

/// <summary>The one place that names reconciliation findings on the wire and in the database.</summary>
public static class ReconciliationNames
{
    public static IReadOnlyList<string> Kinds { get; } = ["matched", "missing_at_provider", "amount_mismatch", "unknown_at_provider"];

    public static string Of(ReconciliationKind kind) => kind switch
    {
        ReconciliationKind.Matched => "matched",
        ReconciliationKind.MissingAtProvider => "missing_at_provider",
        ReconciliationKind.AmountMismatch => "amount_mismatch",
        ReconciliationKind.UnknownAtProvider => "unknown_at_provider",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown finding kind"),
    };
}
