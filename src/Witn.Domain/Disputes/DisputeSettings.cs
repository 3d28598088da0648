namespace Witn.Domain.Disputes;

/// <summary>
/// A tenant's dispute terms: how soon an operator must acknowledge and resolve a dispute, and the credit above which
/// a second admin key must approve (null: no limit).
/// </summary>
public sealed record DisputeSettings(TimeSpan AckWithin, TimeSpan ResolveWithin, decimal? ApprovalLimit)
{
    /// <summary>48 hours to acknowledge (two business days need a calendar we do not have), 14 days to resolve.</summary>
    public static DisputeSettings Default { get; } = new(TimeSpan.FromHours(48), TimeSpan.FromDays(14), null);
}
