using Witn.Abstractions.Alerts;
using Witn.Domain.Alerts;
using Witn.Storage.Alerts;

namespace Witn.Grains.Alerts;

/// <summary>A stored history entry as grain calls and the webhook dispatcher carry it.</summary>
public static class AlertInfos
{
    public static AlertHistoryInfo From(AlertHistoryRow h)
    {
        ArgumentNullException.ThrowIfNull(h);
        return new(
            h.Id, h.RuleName, h.TenantId, h.Series, h.Kind == AlertTransition.Triggered ? "triggered" : "resolved", h.At,
            h.Day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            AlertRuleJson.Write(h.Rule), h.Value, h.Volume, h.Baseline?.Median, h.Baseline?.Mad, h.Baseline?.Points,
            [.. h.Examples.Select(e => new AlertExampleInfo(e.Definition, e.Correlation, e.ChargeId))], h.TriggeredId, h.Seq);
    }
}
