namespace Witn.Domain.Evaluation;

/// <summary>The one place that names lifecycle statuses on the wire and in storage (snake_case).</summary>
public static class OutcomeStatuses
{
    public static string ToName(OutcomeStatus status) => status switch
    {
        OutcomeStatus.Open => "open",
        OutcomeStatus.Qualified => "qualified",
        OutcomeStatus.InReview => "in_review",
        OutcomeStatus.Settled => "settled",
        OutcomeStatus.Voided => "voided",
        OutcomeStatus.Expired => "expired",
        OutcomeStatus.Rejected => "rejected",
        OutcomeStatus.Reversed => "reversed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown status"),
    };

    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<OutcomeStatus>().Select(ToName)];

    public static bool TryParse(string? name, out OutcomeStatus status)
    {
        foreach (var s in Enum.GetValues<OutcomeStatus>())
        {
            if (string.Equals(ToName(s), name, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }
}
