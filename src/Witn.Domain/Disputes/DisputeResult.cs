namespace Witn.Domain.Disputes;

/// <summary>Either the change a dispute command makes or why it is refused; never both.</summary>
public sealed record DisputeResult(DisputeChange? Change, DisputeRefusal? Refusal)
{
    public static DisputeResult Accept(Dispute dispute, decimal? credit = null, params string[] notifications) => new(new DisputeChange(dispute, notifications, credit), null);

    public static DisputeResult Refuse(DisputeRefusalKind kind, string field, string detail, string fix, Dispute? existing = null) =>
        new(null, new DisputeRefusal(kind, field, detail, fix, existing));
}
