namespace Witn.Domain.Disputes;

/// <summary>An operator's decision on a dispute.</summary>
public enum DisputeDecisionKind
{
    Credit,
    Reject,
}
