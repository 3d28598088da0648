namespace Witn.Domain.Alerts;

/// <summary>
/// A robust baseline: the median of the history's values and their median absolute deviation (MAD), over
/// <see cref="Points"/> days. Robust because a few bad days (the regression itself, a holiday) barely move either.
/// </summary>
public sealed record AlertBaseline(decimal Median, decimal Mad, int Points)
{
    /// <summary>MAD × 1.4826 estimates the standard deviation of normally distributed values.</summary>
    public const decimal NormalScale = 1.4826m;

    /// <summary>A weekly baseline needs this many same-weekday days; one without seasonality needs <see cref="MinDailyPoints"/>.</summary>
    public const int MinWeeklyPoints = 3;

    public const int MinDailyPoints = 7;

    /// <summary>
    /// The baseline of <paramref name="day"/> from the <paramref name="days"/> days before it (only its weekday when
    /// <paramref name="weekly"/>), using only the days <paramref name="history"/> has a value for; null with too few.
    /// </summary>
    public static AlertBaseline? Of(IReadOnlyDictionary<DateOnly, decimal> history, DateOnly day, int days, bool weekly)
    {
        ArgumentNullException.ThrowIfNull(history);
        var values = new List<decimal>();
        for (var back = 1; back <= days; back++)
        {
            var d = day.AddDays(-back);
            if ((!weekly || d.DayOfWeek == day.DayOfWeek) && history.TryGetValue(d, out var v))
            {
                values.Add(v);
            }
        }

        if (values.Count < (weekly ? MinWeeklyPoints : MinDailyPoints))
        {
            return null;
        }

        var median = MedianOf(values);
        var mad = MedianOf([.. values.Select(v => Math.Abs(v - median))]);
        return new AlertBaseline(median, mad, values.Count);
    }

    /// <summary>
    /// The spread a deviation is measured in: 1.4826 × MAD, but at least 5 % of the median and one
    /// <paramref name="unit"/>, so a perfectly flat history does not turn the smallest change into a page.
    /// </summary>
    public decimal Scale(decimal unit) => Math.Max(Math.Max(NormalScale * Mad, 0.05m * Math.Abs(Median)), unit);

    private static decimal MedianOf(List<decimal> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2;
    }
}
