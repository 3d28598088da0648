namespace Witn.Domain.Settlement;

/// <summary>The text form of <see cref="CreditCause"/>: the first word of a lifecycle credit's reason.</summary>
public static class CreditCauses
{
    public static string ToName(CreditCause cause) => cause switch
    {
        CreditCause.Reversed => "reversed",
        CreditCause.Voided => "voided",
        CreditCause.Rejected => "rejected",
        CreditCause.Disqualified => "disqualified",
        CreditCause.Expired => "expired",
        CreditCause.InReview => "in_review",
        CreditCause.Repriced => "repriced",
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, "no name for this credit cause"),
    };
}
