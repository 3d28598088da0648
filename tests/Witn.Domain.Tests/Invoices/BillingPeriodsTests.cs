using CsCheck;
using Witn.Domain.Contracts;
using Witn.Domain.Invoices;

namespace Witn.Domain.Tests.Invoices;

public sealed class BillingPeriodsTests
{
    private static readonly BillingPeriod Monthly = BillingPeriod.Default;

    private static readonly BillingPeriod Globex = new(BillingInterval.Month, 15, "Europe/Berlin");

    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "America/Havana"];

    private static readonly Gen<BillingPeriod> GenPeriod =
        Gen.Select(Gen.Bool, Gen.Int[1, 28], Gen.Int[1, 7], Gen.OneOf(Zones),
            (monthly, day, weekday, zone) => monthly ? new BillingPeriod(BillingInterval.Month, day, zone) : new BillingPeriod(BillingInterval.Week, weekday, zone));

    // 2000-01-01 to 2040-01-01, to the second.
    private static readonly Gen<DateTimeOffset> GenInstant =
        Gen.Long[946_684_800L, 2_208_988_800L].Select(DateTimeOffset.FromUnixTimeSeconds);

    [Fact]
    public void a_utc_month_runs_from_the_first_to_the_first()
    {
        var range = BillingPeriods.Containing(Monthly, At("2026-02-14T10:30:00Z"));

        Assert.Equal(new PeriodRange(At("2026-02-01T00:00:00Z"), At("2026-03-01T00:00:00Z")), range);
        Assert.Equal(TimeSpan.Zero, range.Start.Offset);
        Assert.Equal(new DateOnly(2026, 2, 1), BillingPeriods.LocalStart(Monthly, range));
    }

    [Fact]
    public void anchor_day_15_in_berlin_starts_at_local_midnight_on_the_15th()
    {
        Assert.Equal(
            new PeriodRange(At("2025-12-14T23:00:00Z"), At("2026-01-14T23:00:00Z")),
            BillingPeriods.Containing(Globex, At("2026-01-10T12:00:00Z")));
        Assert.Equal(
            new PeriodRange(At("2026-07-14T22:00:00Z"), At("2026-08-14T22:00:00Z")),
            BillingPeriods.Containing(Globex, At("2026-07-20T12:00:00Z")));
        // 2026-03-15 is after the change to summer time, 2026-02-15 before it.
        Assert.Equal(
            new PeriodRange(At("2026-02-14T23:00:00Z"), At("2026-03-14T23:00:00Z")),
            BillingPeriods.Containing(Globex, At("2026-03-14T22:59:59Z")));
    }

    [Fact]
    public void weeks_start_on_their_iso_weekday()
    {
        var mondays = new BillingPeriod(BillingInterval.Week, 1, "UTC");
        var sundays = new BillingPeriod(BillingInterval.Week, 7, "UTC");

        // 2026-03-04 is a Wednesday.
        Assert.Equal(new PeriodRange(At("2026-03-02T00:00:00Z"), At("2026-03-09T00:00:00Z")), BillingPeriods.Containing(mondays, At("2026-03-04T08:00:00Z")));
        Assert.Equal(new PeriodRange(At("2026-03-01T00:00:00Z"), At("2026-03-08T00:00:00Z")), BillingPeriods.Containing(sundays, At("2026-03-04T08:00:00Z")));
        Assert.Equal(new PeriodRange(At("2026-03-08T00:00:00Z"), At("2026-03-15T00:00:00Z")), BillingPeriods.Containing(sundays, At("2026-03-08T00:00:00Z")));
    }

    [Fact]
    public void a_berlin_month_with_the_spring_change_is_743_hours_and_with_the_autumn_change_745()
    {
        var berlin = new BillingPeriod(BillingInterval.Month, 1, "Europe/Berlin");

        var march = BillingPeriods.Containing(berlin, At("2026-03-29T12:00:00Z"));
        var october = BillingPeriods.Containing(berlin, At("2026-10-25T12:00:00Z"));

        Assert.Equal(new PeriodRange(At("2026-02-28T23:00:00Z"), At("2026-03-31T22:00:00Z")), march);
        Assert.Equal(743, (march.End - march.Start).TotalHours);
        Assert.Equal(new PeriodRange(At("2026-09-30T22:00:00Z"), At("2026-10-31T23:00:00Z")), october);
        Assert.Equal(745, (october.End - october.Start).TotalHours);
    }

    [Fact]
    public void an_instant_exactly_at_a_period_start_belongs_to_the_new_period()
    {
        var start = At("2026-10-31T23:00:00Z");

        Assert.Equal(start, BillingPeriods.Containing(new BillingPeriod(BillingInterval.Month, 1, "Europe/Berlin"), start).Start);
        Assert.Equal(start, BillingPeriods.Containing(new BillingPeriod(BillingInterval.Month, 1, "Europe/Berlin"), start.AddTicks(-1)).End);
    }

    [Fact]
    public void next_starts_where_the_current_period_ends()
    {
        var october = BillingPeriods.Containing(Globex, At("2026-10-20T00:00:00Z"));

        var next = BillingPeriods.Next(Globex, october);

        Assert.Equal(new PeriodRange(At("2026-11-14T23:00:00Z"), At("2026-12-14T23:00:00Z")), next);
        Assert.Equal(new DateOnly(2026, 11, 15), BillingPeriods.LocalStart(Globex, next));
    }

    [Fact]
    public void from_local_start_finds_the_period_starting_that_day_and_only_a_period_start_day()
    {
        var berlin = new BillingPeriod(BillingInterval.Month, 1, "Europe/Berlin");
        var mondays = new BillingPeriod(BillingInterval.Week, 1, "UTC");

        Assert.Equal(new PeriodRange(At("2026-10-31T23:00:00Z"), At("2026-11-30T23:00:00Z")), BillingPeriods.FromLocalStart(berlin, new DateOnly(2026, 11, 1)));
        Assert.Null(BillingPeriods.FromLocalStart(berlin, new DateOnly(2026, 11, 2)));
        Assert.Equal(new PeriodRange(At("2026-03-02T00:00:00Z"), At("2026-03-09T00:00:00Z")), BillingPeriods.FromLocalStart(mondays, new DateOnly(2026, 3, 2)));
        Assert.Null(BillingPeriods.FromLocalStart(mondays, new DateOnly(2026, 3, 3)));
    }

    [Fact]
    public void a_period_whose_local_midnight_falls_in_a_dst_gap_starts_at_the_first_instant_after_it()
    {
        // Havana springs forward from 00:00 to 01:00 on Sunday 2026-03-08 (UTC−5 to UTC−4): local 01:00 is 05:00Z.
        var sundays = new BillingPeriod(BillingInterval.Week, 7, "America/Havana");

        var range = BillingPeriods.FromLocalStart(sundays, new DateOnly(2026, 3, 8));

        Assert.Equal(new PeriodRange(At("2026-03-08T05:00:00Z"), At("2026-03-15T04:00:00Z")), range);
        Assert.Equal(new DateOnly(2026, 3, 8), BillingPeriods.LocalStart(sundays, range!));
        Assert.Equal(range, BillingPeriods.Containing(sundays, At("2026-03-08T05:00:00Z")));
        Assert.Equal(range!.Start, BillingPeriods.Containing(sundays, At("2026-03-08T04:59:59Z")).End);
    }

    [Fact]
    public void a_period_whose_local_midnight_happens_twice_starts_at_the_earlier_instant()
    {
        // Havana fell back from 01:00 to 00:00 on Sunday 2025-11-02 (UTC−4 to UTC−5): 00:00 is 04:00Z and 05:00Z.
        // (The tz database since 2026 keeps Cuba on UTC−4 through November 2026, so 2025 is the example.)
        var sundays = new BillingPeriod(BillingInterval.Week, 7, "America/Havana");

        var range = BillingPeriods.Containing(sundays, At("2025-11-02T04:30:00Z"));

        Assert.Equal(new PeriodRange(At("2025-11-02T04:00:00Z"), At("2025-11-09T05:00:00Z")), range);
        Assert.Equal(new DateOnly(2025, 11, 2), BillingPeriods.LocalStart(sundays, range));
    }

    [Fact]
    public void containing_holds_the_instant_and_agrees_with_next_and_the_local_start()
    {
        Gen.Select(GenPeriod, GenInstant).Sample((period, instant) =>
        {
            var range = BillingPeriods.Containing(period, instant);
            var next = BillingPeriods.Next(period, range);
            var start = BillingPeriods.LocalStart(period, range);

            Assert.True(range.Start <= instant && instant < range.End, $"{instant:O} outside {range}");
            Assert.Equal(next, BillingPeriods.Containing(period, range.End));
            Assert.Equal(range.End, next.Start);
            Assert.Equal(range, BillingPeriods.FromLocalStart(period, start));
            Assert.Null(BillingPeriods.FromLocalStart(period, start.AddDays(1)));
        });
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}
