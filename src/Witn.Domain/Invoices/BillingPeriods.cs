using NodaTime;
using Witn.Domain.Common;
using Witn.Domain.Contracts;

namespace Witn.Domain.Invoices;

/// <summary>
/// Where billing periods fall. A period starts at 00:00 local time in the contract's IANA zone on its start date
/// (day <see cref="BillingPeriod.AnchorDay"/> of a month, or ISO weekday <see cref="BillingPeriod.AnchorDay"/>) and
/// ends where the next one starts, at the start of the local day as <see cref="TimeZones.StartOfDay"/> finds it (after a
/// DST gap at midnight, the earlier of a midnight that happens twice) — so periods never overlap or leave gaps.
/// </summary>
public static class BillingPeriods
{
    /// <summary>The period <paramref name="instant"/> falls in; an instant exactly at a start belongs to the new period.</summary>
    public static PeriodRange Containing(BillingPeriod period, DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(period);
        var zone = Zone(period);
        var date = StartDateOnOrBefore(period, TimeZones.DateOf(zone, instant));
        // Local dates and instants agree except around a DST change at midnight; the instants decide.
        while (TimeZones.StartOfDay(zone, date) > instant)
        {
            date = Step(period, date, -1);
        }

        while (TimeZones.StartOfDay(zone, Step(period, date, 1)) <= instant)
        {
            date = Step(period, date, 1);
        }

        return Range(period, zone, date);
    }

    /// <summary>The period starting where <paramref name="current"/> ends.</summary>
    public static PeriodRange Next(BillingPeriod period, PeriodRange current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Range(period, Zone(period), Step(period, LocalStart(period, current), 1));
    }

    /// <summary>The local calendar date <paramref name="range"/> starts on (invoices are named by it, e.g. 2026-11-01).</summary>
    public static DateOnly LocalStart(BillingPeriod period, PeriodRange range)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(range);
        // Not simply the local date of Start: after a gap that swallows a whole day, Start falls on the next date.
        return StartDateOnOrBefore(period, TimeZones.DateOf(Zone(period), range.Start));
    }

    /// <summary>The period whose local start date is <paramref name="start"/>, or null when no period starts that day.</summary>
    public static PeriodRange? FromLocalStart(BillingPeriod period, DateOnly start)
    {
        ArgumentNullException.ThrowIfNull(period);
        return StartDateOnOrBefore(period, start) == start ? Range(period, Zone(period), start) : null;
    }

    private static PeriodRange Range(BillingPeriod period, DateTimeZone zone, DateOnly start) =>
        new(TimeZones.StartOfDay(zone, start), TimeZones.StartOfDay(zone, Step(period, start, 1)));

    private static DateTimeZone Zone(BillingPeriod period) => TimeZones.GetStored(period.TimeZone);

    private static DateOnly StartDateOnOrBefore(BillingPeriod period, DateOnly date)
    {
        CheckAnchor(period);
        if (period.Every == BillingInterval.Month)
        {
            var start = new DateOnly(date.Year, date.Month, period.AnchorDay);
            return start <= date ? start : start.AddMonths(-1);
        }

        var isoWeekday = ((int)date.DayOfWeek + 6) % 7 + 1;
        return date.AddDays(-((isoWeekday - period.AnchorDay + 7) % 7));
    }

    private static DateOnly Step(BillingPeriod period, DateOnly start, int periods) =>
        period.Every == BillingInterval.Month ? start.AddMonths(periods) : start.AddDays(7 * periods);

    private static void CheckAnchor(BillingPeriod period)
    {
        var last = period.Every == BillingInterval.Month ? 28 : 7;
        if (period.AnchorDay < 1 || period.AnchorDay > last)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period.AnchorDay, $"anchor_day must be 1–{last} for {period.Every}");
        }
    }
}
