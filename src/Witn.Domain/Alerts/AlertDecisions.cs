namespace Witn.Domain.Alerts;

/// <summary>
/// The one rule for when an alert fires and resolves (docs/alerts.md): a series fires once when a judged reading is
/// outside (for at least the rule's <c>for</c>) and resolves once when a judged reading is back inside. A reading
/// that cannot be judged (too little volume or amount, no whole, too little history for a baseline) changes nothing,
/// so a quiet day neither pages anyone nor resolves an open alert.
/// </summary>
public static class AlertDecisions
{
    /// <summary>Whether the reading is judged, and if so whether it is outside the rule's condition.</summary>
    public static bool? Outside(AlertRule rule, AlertObservation reading)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Value is not { } value || reading.Volume < rule.MinVolume
            || (rule.MinAmount is { } minimum && (reading.Amount ?? 0) < minimum))
        {
            return null;
        }

        switch (rule.Condition)
        {
            case ThresholdCondition t:
                return Beyond(t.Direction, value - t.Limit, 0);
            case DeviationCondition d:
                if (reading.Baseline is not { } baseline)
                {
                    return null;
                }

                var deviation = (value - baseline.Median) / baseline.Scale(AlertMetrics.Unit(rule.Metric));
                return Beyond(d.Direction, deviation, d.K);
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Condition, "unknown condition");
        }
    }

    /// <summary>
    /// The series after <paramref name="reading"/>; <paramref name="firingId"/> names the firing when this reading
    /// triggers one (derive it from the reading with <see cref="AlertIds"/>, so a retried evaluation is the same firing).
    /// </summary>
    public static AlertStep Step(AlertRule rule, AlertSeries series, AlertObservation reading, Guid firingId)
    {
        ArgumentNullException.ThrowIfNull(series);
        var outside = Outside(rule, reading);
        var day = reading.Day ?? series.LastDay;
        switch (outside)
        {
            case null:
                return new AlertStep(series with { LastDay = day }, AlertTransition.None, null);
            case false when series.Status == AlertSeriesStatus.Firing:
                return new AlertStep(new AlertSeries(AlertSeriesStatus.Ok, null, day, null), AlertTransition.Resolved, false);
            case false:
                return new AlertStep(new AlertSeries(AlertSeriesStatus.Ok, null, day, null), AlertTransition.None, false);
            case true when series.Status == AlertSeriesStatus.Firing:
                return new AlertStep(series with { LastDay = day }, AlertTransition.None, true);
            default:
                var since = series.OutsideSince ?? reading.At;
                return reading.At - since >= rule.For
                    ? new AlertStep(new AlertSeries(AlertSeriesStatus.Firing, since, day, firingId), AlertTransition.Triggered, true)
                    : new AlertStep(new AlertSeries(AlertSeriesStatus.Pending, since, day, null), AlertTransition.None, true);
        }
    }

    // Strictly beyond: a value exactly at the limit (or k deviations away) is still inside.
    private static bool Beyond(AlertDirection direction, decimal distance, decimal limit) => direction switch
    {
        AlertDirection.Above => distance > limit,
        AlertDirection.Below => distance < -limit,
        _ => Math.Abs(distance) > limit,
    };
}
