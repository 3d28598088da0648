using CsCheck;
using Witn.Domain.Alerts;

namespace Witn.Domain.Tests.Alerts;

/// <summary>The robust baseline: median and MAD of the right days, against a sort-and-pick reference.</summary>
public sealed class AlertBaselineTests
{
    private static readonly DateOnly Day = new(2026, 11, 30); // a Monday

    [Fact]
    public void median_and_mad_match_a_reference_over_the_days_before()
    {
        Gen.Decimal[0m, 1000m].Array[7, 40].Sample(values =>
        {
            var history = values.Select((v, i) => (Day.AddDays(-1 - i), v)).ToDictionary(x => x.Item1, x => x.v);
            history[Day] = 1_000_000m; // the judged day itself is never part of its baseline
            var baseline = AlertBaseline.Of(history, Day, values.Length, weekly: false)!;
            Assert.Equal(values.Length, baseline.Points);
            Assert.Equal(Median(values), baseline.Median);
            Assert.Equal(Median([.. values.Select(v => Math.Abs(v - baseline.Median))]), baseline.Mad);
        });
    }

    [Fact]
    public void a_weekly_baseline_takes_only_the_same_weekday()
    {
        var history = Enumerable.Range(1, 28).ToDictionary(i => Day.AddDays(-i), i => i % 7 == 0 ? 10m : 99m);
        var weekly = AlertBaseline.Of(history, Day, 28, weekly: true)!;
        Assert.Equal((10m, 0m, 4), (weekly.Median, weekly.Mad, weekly.Points));
        Assert.Equal(99m, AlertBaseline.Of(history, Day, 28, weekly: false)!.Median);
    }

    [Fact]
    public void too_few_days_give_no_baseline()
    {
        var history = Enumerable.Range(1, 6).ToDictionary(i => Day.AddDays(-i), _ => 1m);
        Assert.Null(AlertBaseline.Of(history, Day, 28, weekly: false));
        var twoMondays = new Dictionary<DateOnly, decimal> { [Day.AddDays(-7)] = 1m, [Day.AddDays(-14)] = 1m };
        Assert.Null(AlertBaseline.Of(twoMondays, Day, 28, weekly: true));
    }

    [Fact]
    public void the_spread_is_at_least_five_percent_of_the_median_and_one_unit()
    {
        Assert.Equal(1.4826m * 2m, new AlertBaseline(10m, 2m, 7).Scale(0.01m));
        Assert.Equal(0.5m, new AlertBaseline(10m, 0m, 7).Scale(0.01m));
        Assert.Equal(1m, new AlertBaseline(3m, 0m, 7).Scale(1m));
    }

    private static decimal Median(decimal[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }
}
