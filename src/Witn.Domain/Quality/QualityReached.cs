using Witn.Domain.Evaluation;

namespace Witn.Domain.Quality;

/// <summary>
/// The statuses an outcome has ever reached, as a bit mask kept beside it, so each quality count takes an outcome
/// once, the first time it reaches a status, however often it is written or goes back to open. A status implies the
/// ones it passes through (a settled outcome was qualified; a rejected one was in review), so an outcome first
/// written already settled (its events arrived after its window) still counts as qualified.
/// </summary>
public static class QualityReached
{
    public const int Qualified = 1;
    public const int InReview = 2;
    public const int Settled = 4;
    public const int Voided = 8;
    public const int Expired = 16;
    public const int Rejected = 32;
    public const int Reversed = 64;

    /// <summary>The mask of <paramref name="status"/> and the statuses it implies; 0 for open.</summary>
    public static int Of(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Open => 0,
        OutcomeStatus.Qualified => Qualified,
        OutcomeStatus.InReview => Qualified | InReview,
        OutcomeStatus.Settled => Qualified | Settled,
        OutcomeStatus.Voided => Qualified | Voided,
        OutcomeStatus.Expired => Expired,
        OutcomeStatus.Rejected => Qualified | InReview | Rejected,
        OutcomeStatus.Reversed => Qualified | Settled | Reversed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };

    /// <summary>The mask of a stored status name (<see cref="OutcomeStatuses"/>); 0 for a name it does not know.</summary>
    public static int Of(string status) => OutcomeStatuses.TryParse(status, out var s) ? Of(s) : 0;
}
