namespace Witn.Domain.Evaluation;

/// <summary>Lifecycle of one outcome. Voided, expired, rejected and reversed are final; settled can still become reversed.</summary>
public enum OutcomeStatus
{
    /// <summary>Not (or no longer) qualified.</summary>
    Open,

    /// <summary>Qualify holds; waiting for the settlement window (plus grace) to close.</summary>
    Qualified,

    /// <summary>Qualified and review_when holds: waits for a manual decision.</summary>
    InReview,

    /// <summary>The window closed with no reversal: billable, committed once.</summary>
    Settled,

    /// <summary>A reverse_on match stamped before settles_at: never billed.</summary>
    Voided,

    /// <summary>Not qualified within expire_after of the first event.</summary>
    Expired,

    /// <summary>A reviewer rejected it: never billed.</summary>
    Rejected,

    /// <summary>Settled, then a reverse_on match stamped at or after settles_at: the charge gets a credit.</summary>
    Reversed,
}
