using Witn.Domain.Alerts;

namespace Witn.Api.Alerts;

/// <summary>The wire names of an alert rule's directions, in one place for reading and writing.</summary>
public static class AlertRuleText
{
    public static string Direction(AlertDirection direction) => direction switch
    {
        AlertDirection.Above => "above",
        AlertDirection.Below => "below",
        _ => "either",
    };

    public static AlertDirection? ParseDirection(string? text) => text switch
    {
        null or "either" => AlertDirection.Either,
        "above" => AlertDirection.Above,
        "below" => AlertDirection.Below,
        _ => null,
    };
}
