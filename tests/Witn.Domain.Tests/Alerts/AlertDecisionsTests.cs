using CsCheck;
using Witn.Domain.Alerts;
using Witn.Domain.Quality;

namespace Witn.Domain.Tests.Alerts;

/// <summary>When a series fires and resolves (<see cref="AlertDecisions"/>), against a simple reference model.</summary>
public sealed class AlertDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlertRule Threshold(decimal above, long minVolume = 10, TimeSpan @for = default) =>
        new("r", AlertMetric.ConversionRate, AlertScope.Everything, QualityGrouping.None,
            new ThresholdCondition(AlertDirection.Above, above), minVolume, null, null, @for);

    private static AlertObservation Reading(int hour, decimal? value, long volume = 100, decimal? amount = null, AlertBaseline? baseline = null) =>
        new(T0.AddHours(hour), null, value, volume, amount, baseline);

    [Fact]
    public void a_series_fires_once_on_crossing_and_resolves_once_when_back_inside()
    {
        var rule = Threshold(0.5m);
        var series = AlertSeries.New;
        var transitions = new List<AlertTransition>();
        foreach (var (value, hour) in new[] { 0.2m, 0.7m, 0.8m, 0.9m, 0.4m, 0.3m, 0.6m }.Select((v, i) => (v, i)))
        {
            var step = AlertDecisions.Step(rule, series, Reading(hour, value), Guid.NewGuid());
            transitions.Add(step.Transition);
            series = step.Series;
        }

        Assert.Equal(
            [AlertTransition.None, AlertTransition.Triggered, AlertTransition.None, AlertTransition.None, AlertTransition.Resolved, AlertTransition.None, AlertTransition.Triggered],
            transitions);
    }

    [Fact]
    public void a_value_exactly_at_the_limit_is_inside()
    {
        Assert.False(AlertDecisions.Outside(Threshold(0.5m), Reading(0, 0.5m)));
        Assert.True(AlertDecisions.Outside(Threshold(0.5m), Reading(0, 0.5001m)));
    }

    [Fact]
    public void too_little_volume_or_amount_neither_fires_nor_resolves()
    {
        var rule = Threshold(0.5m, minVolume: 20) with { MinAmount = 100m };
        Assert.Null(AlertDecisions.Outside(rule, Reading(0, 0.9m, volume: 19, amount: 500m)));
        Assert.Null(AlertDecisions.Outside(rule, Reading(0, 0.9m, volume: 20, amount: 99.99m)));
        Assert.True(AlertDecisions.Outside(rule, Reading(0, 0.9m, volume: 20, amount: 100m)));

        var firing = new AlertSeries(AlertSeriesStatus.Firing, T0, null, Guid.NewGuid());
        var quiet = AlertDecisions.Step(rule, firing, Reading(5, 0.1m, volume: 3, amount: 500m), Guid.NewGuid());
        Assert.Equal(AlertTransition.None, quiet.Transition);
        Assert.Equal(AlertSeriesStatus.Firing, quiet.Series.Status);
    }

    [Fact]
    public void with_for_a_series_fires_only_after_staying_outside_that_long()
    {
        var rule = Threshold(0.5m, @for: TimeSpan.FromHours(2));
        var first = AlertDecisions.Step(rule, AlertSeries.New, Reading(0, 0.9m), Guid.NewGuid());
        Assert.Equal(AlertSeriesStatus.Pending, first.Series.Status);
        var second = AlertDecisions.Step(rule, first.Series, Reading(1, 0.9m), Guid.NewGuid());
        Assert.Equal(AlertTransition.None, second.Transition);
        var third = AlertDecisions.Step(rule, second.Series, Reading(2, 0.9m), Guid.NewGuid());
        Assert.Equal(AlertTransition.Triggered, third.Transition);

        // Back inside while pending: nothing was announced, so nothing resolves; the wait starts again.
        var dipped = AlertDecisions.Step(rule, first.Series, Reading(1, 0.1m), Guid.NewGuid());
        Assert.Equal((AlertTransition.None, AlertSeriesStatus.Ok), (dipped.Transition, dipped.Series.Status));
        Assert.Equal(AlertSeriesStatus.Pending, AlertDecisions.Step(rule, dipped.Series, Reading(3, 0.9m), Guid.NewGuid()).Series.Status);
    }

    [Fact]
    public void a_deviation_is_judged_against_the_baseline_spread_and_not_without_a_baseline()
    {
        var rule = new AlertRule("d", AlertMetric.ConversionRate, AlertScope.Everything, QualityGrouping.None,
            new DeviationCondition(28, false, 3m, AlertDirection.Below), 1, null, null, TimeSpan.Zero);
        var flat = new AlertBaseline(0.9m, 0m, 20);
        // A flat history is measured with 5 % of its median (0.045): 3 spreads below 0.9 is 0.765.
        Assert.False(AlertDecisions.Outside(rule, Reading(0, 0.77m, baseline: flat)));
        Assert.True(AlertDecisions.Outside(rule, Reading(0, 0.76m, baseline: flat)));
        // Above the baseline is inside for a "below" rule, however far.
        Assert.False(AlertDecisions.Outside(rule, Reading(0, 1m, baseline: new AlertBaseline(0.1m, 0.01m, 20))));
        Assert.Null(AlertDecisions.Outside(rule, Reading(0, 0.1m, baseline: null)));
    }

    [Fact]
    public void triggered_and_resolved_alternate_starting_with_triggered_as_in_a_reference_model()
    {
        // Reference: outside/inside/unjudged readings; an alert is open after an outside reading until an inside one.
        var readings = Gen.Int[0, 2].Select(kind => kind switch { 0 => (decimal?)0.9m, 1 => 0.1m, _ => null }).Array[0, 60];
        readings.Sample(values =>
        {
            var rule = Threshold(0.5m);
            var series = AlertSeries.New;
            var open = false;
            for (var i = 0; i < values.Length; i++)
            {
                var step = AlertDecisions.Step(rule, series, Reading(i, values[i]), Guid.NewGuid());
                var expected = values[i] switch
                {
                    0.9m when !open => AlertTransition.Triggered,
                    0.1m when open => AlertTransition.Resolved,
                    _ => AlertTransition.None,
                };
                Assert.Equal(expected, step.Transition);
                open = values[i] switch { 0.9m => true, 0.1m => false, _ => open };
                Assert.Equal(open, step.Series.Status == AlertSeriesStatus.Firing);
                series = step.Series;
            }
        });
    }
}
