using System.Collections.Frozen;

namespace Witn.Domain.Disputes;

/// <summary>The one text form of each dispute enum, for the API, storage, scenarios and pages.</summary>
public static class DisputeNames
{
    private static readonly FrozenDictionary<string, DisputeReason> Reasons = new Dictionary<string, DisputeReason>
    {
        ["not_achieved"] = DisputeReason.NotAchieved,
        ["not_as_defined"] = DisputeReason.NotAsDefined,
        ["duplicate"] = DisputeReason.Duplicate,
        ["human_did_the_work"] = DisputeReason.HumanDidTheWork,
        ["agent_error"] = DisputeReason.AgentError,
        ["other"] = DisputeReason.Other,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, DisputeStatus> Statuses = new Dictionary<string, DisputeStatus>
    {
        ["open"] = DisputeStatus.Open,
        ["under_review"] = DisputeStatus.UnderReview,
        ["credited"] = DisputeStatus.Credited,
        ["rejected"] = DisputeStatus.Rejected,
        ["withdrawn"] = DisputeStatus.Withdrawn,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every reason's name, in the order the docs list them (for hints).</summary>
    public static IReadOnlyList<string> ReasonNames { get; } = [.. Reasons.OrderBy(r => r.Value).Select(r => r.Key)];

    /// <summary>Every status's name, in lifecycle order (for hints).</summary>
    public static IReadOnlyList<string> StatusNames { get; } = [.. Statuses.OrderBy(s => s.Value).Select(s => s.Key)];

    public static bool TryParseReason(string? text, out DisputeReason reason)
    {
        reason = default;
        return text is not null && Reasons.TryGetValue(text, out reason);
    }

    public static bool TryParseStatus(string? text, out DisputeStatus status)
    {
        status = default;
        return text is not null && Statuses.TryGetValue(text, out status);
    }

    public static bool TryParseAuthor(string? text, out DisputeAuthor author)
    {
        (var known, author) = text switch
        {
            "customer" => (true, DisputeAuthor.Customer),
            "operator" => (true, DisputeAuthor.Operator),
            _ => (false, default),
        };
        return known;
    }

    public static bool TryParseDecision(string? text, out DisputeDecisionKind decision)
    {
        (var known, decision) = text switch
        {
            "credit" => (true, DisputeDecisionKind.Credit),
            "reject" => (true, DisputeDecisionKind.Reject),
            _ => (false, default),
        };
        return known;
    }

    public static string Of(DisputeReason reason) => Reasons.First(r => r.Value == reason).Key;

    public static string Of(DisputeStatus status) => Statuses.First(s => s.Value == status).Key;

    public static string Of(DisputeAuthor author) => author == DisputeAuthor.Customer ? "customer" : "operator";

    public static string Of(DisputeDecisionKind decision) => decision == DisputeDecisionKind.Credit ? "credit" : "reject";
}
