namespace Witn.Domain.Webhooks;

/// <summary>
/// The event types a webhook endpoint can subscribe to, each the announcement of one kind of ledger outbox row.
/// The one place that maps outbox kinds to event types: registration validates against it and the dispatcher's
/// fan-out joins on it.
/// </summary>
public static class WebhookEventTypes
{
    public const string ChargeCommitted = "charge.committed";
    public const string CreditIssued = "credit.issued";
    public const string InvoiceFinalized = "invoice.finalized";

    /// <summary>(outbox kind, event type), in the order the documentation lists them.</summary>
    public static IReadOnlyList<(string Kind, string Type)> ByKind { get; } =
    [
        ("charge", ChargeCommitted),
        ("credit", CreditIssued),
        ("invoice", InvoiceFinalized),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. ByKind.Select(k => k.Type)];

    public static bool IsKnown(string? type) => type is not null && Names.Contains(type, StringComparer.Ordinal);
}
