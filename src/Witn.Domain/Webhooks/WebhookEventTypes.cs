namespace Witn.Domain.Webhooks;

/// <summary>
/// The event types a webhook endpoint can subscribe to, each the announcement of one kind of outbox row (the ledger's,
/// a dispute's change, an alert's firing or resolution, an export that failed).
/// The one place that maps outbox kinds to event types: registration validates against it and the dispatcher's
/// fan-out joins on it.
/// </summary>
public static class WebhookEventTypes
{
    public const string ChargeCommitted = "charge.committed";
    public const string CreditIssued = "credit.issued";
    public const string InvoiceFinalized = "invoice.finalized";
    public const string DisputeOpened = Disputes.DisputeNotifications.Opened;
    public const string DisputeUpdated = Disputes.DisputeNotifications.Updated;
    public const string DisputeResolved = Disputes.DisputeNotifications.Resolved;
    public const string DisputeOverdue = Disputes.DisputeNotifications.Overdue;
    public const string AlertTriggered = "alert.triggered";
    public const string AlertResolved = "alert.resolved";
    public const string ExportFailed = "export.failed";

    /// <summary>(outbox kind, event type), in the order the documentation lists them.</summary>
    public static IReadOnlyList<(string Kind, string Type)> ByKind { get; } =
    [
        ("charge", ChargeCommitted),
        ("credit", CreditIssued),
        ("invoice", InvoiceFinalized),
        ("dispute_opened", DisputeOpened),
        ("dispute_updated", DisputeUpdated),
        ("dispute_resolved", DisputeResolved),
        ("dispute_overdue", DisputeOverdue),
        ("alert_triggered", AlertTriggered),
        ("alert_resolved", AlertResolved),
        ("export_failed", ExportFailed),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. ByKind.Select(k => k.Type)];

    /// <summary>The outbox kind that announces <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">No outbox kind announces it.</exception>
    public static string KindOf(string type) =>
        ByKind.FirstOrDefault(k => string.Equals(k.Type, type, StringComparison.Ordinal)).Kind ?? throw new ArgumentException($"no outbox kind announces '{type}'", nameof(type));

    public static bool IsKnown(string? type) => type is not null && Names.Contains(type, StringComparer.Ordinal);
}
