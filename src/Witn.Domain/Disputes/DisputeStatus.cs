namespace Witn.Domain.Disputes;

/// <summary>
/// Where a dispute stands: <c>open</c> → <c>under_review</c> → <c>credited</c> | <c>rejected</c> | <c>withdrawn</c>
/// (the last three are closed; nothing is deleted).
/// </summary>
public enum DisputeStatus
{
    Open,
    UnderReview,
    Credited,
    Rejected,
    Withdrawn,
}
