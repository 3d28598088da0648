namespace Witn.Domain.Disputes;

/// <summary>The webhook event types a dispute sends (a dispute credit also sends the ledger's <c>credit.issued</c>).</summary>
public static class DisputeNotifications
{
    public const string Opened = "dispute.opened";
    public const string Updated = "dispute.updated";
    public const string Resolved = "dispute.resolved";
    public const string Overdue = "dispute.overdue";
}
