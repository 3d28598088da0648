using System.Globalization;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Evidence;

/// <summary>The fixed spellings the evidence uses in text, JSON and HTML (never culture-dependent).</summary>
public static class EvidenceText
{
    /// <summary>Minutes are what a reader checks an agreement against; seconds would be noise in sentences.</summary>
    public static string Minute(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 UTC with as many fraction digits as needed (none for whole seconds).</summary>
    public static string Iso(DateTimeOffset at) => Common.Instants.Iso(at);

    public static DateTimeOffset ParseIso(string text) =>
        Common.Instants.TryParse(text, out var at) ? at : throw new FormatException($"'{text}' in stored evidence is not an instant");

    /// <summary>Up to three days read best in hours ("72 h"), longer whole-day windows in days ("7 d").</summary>
    public static string Window(TimeSpan window)
    {
        var seconds = (long)window.TotalSeconds;
        if (seconds == 0)
        {
            return "0 s";
        }

        if (seconds % 86400 == 0 && seconds > 3 * 86400)
        {
            return (seconds / 86400).ToString(CultureInfo.InvariantCulture) + " d";
        }

        if (seconds % 3600 == 0)
        {
            return (seconds / 3600).ToString(CultureInfo.InvariantCulture) + " h";
        }

        return seconds % 60 == 0
            ? (seconds / 60).ToString(CultureInfo.InvariantCulture) + " min"
            : seconds.ToString(CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>Decimals without trailing zeros, so 60 and 60.0 have one spelling.</summary>
    public static string Number(decimal value) => Literal.Normalize(value).ToString(CultureInfo.InvariantCulture);

    public static decimal ParseNumber(string text) => Literal.Normalize(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));

    public static string Verdict(ReviewVerdict verdict) => verdict == ReviewVerdict.Approve ? "approve" : "reject";

    public static ReviewVerdict ParseVerdict(string text) => text switch
    {
        "approve" => ReviewVerdict.Approve,
        "reject" => ReviewVerdict.Reject,
        _ => throw new FormatException($"unknown review verdict '{text}'"),
    };

    /// <summary>"support-bot 3.1", or just the id when the agent sent no version.</summary>
    public static string Agent(Events.AgentRef agent) => agent.Version is { Length: > 0 } v ? agent.Id + " " + v : agent.Id;

    /// <summary>The last dotted segment of an event type: ticket.reopened → reopened.</summary>
    public static string LastSegment(string type) => type[(type.LastIndexOf('.') + 1)..];
}
