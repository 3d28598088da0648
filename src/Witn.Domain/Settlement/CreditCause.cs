namespace Witn.Domain.Settlement;

/// <summary>Why a charge is credited; its name starts the credit's reason in the ledger.</summary>
public enum CreditCause
{
    /// <summary>Settled, then a reversal stamped at or after settles_at.</summary>
    Reversed,

    /// <summary>A reversal stamped inside the window (known only after the charge).</summary>
    Voided,

    /// <summary>A reviewer rejected it.</summary>
    Rejected,

    /// <summary>The qualifying conditions no longer hold on the events now known (a late disqualifying event).</summary>
    Disqualified,

    /// <summary>Not qualified within expire_after on the events now known.</summary>
    Expired,

    /// <summary>The events now known put it in review: it is charged again once approved.</summary>
    InReview,

    /// <summary>Its terms changed (value, contract version, price): a charge at the new terms replaces it.</summary>
    Repriced,
}
