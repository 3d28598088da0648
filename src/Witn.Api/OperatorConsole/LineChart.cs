using System.Globalization;
using System.Net;
using System.Text;

namespace Witn.Api.OperatorConsole;

/// <summary>
/// A line chart of daily values as inline SVG, drawn on the server: no script, no chart library. Readable printed in
/// black and white: each line has its own dash pattern and marker (colour only helps on screen), the axes are
/// labelled and the legend is text. Only SVG presentation attributes, no <c>style</c>: the pages' Content-Security-
/// Policy allows no inline style. Every text is encoded.
/// </summary>
public static class LineChart
{
    public const int Width = 640;
    public const int PlotLeft = 48;
    public const int PlotTop = 12;
    public const int PlotWidth = 576;
    public const int PlotHeight = 160;

    private const int LegendTop = PlotTop + PlotHeight + 36;
    private const int LegendRow = 18;

    private static readonly string[] Dashes = ["", "6 3", "2 3", "9 3 2 3", "1 5", "12 4"];
    private static readonly string[] Colours = ["#1f6feb", "#cf222e", "#1a7f37", "#8250df", "#9a6700", "#57606a"];
    private static readonly string[] Markers = ["circle", "square", "triangle", "diamond", "cross", "ring"];

    /// <summary>
    /// The chart of <paramref name="series"/> over the days <paramref name="first"/> to <paramref name="last"/>, the
    /// value axis from 0 to <paramref name="max"/> labelled by <paramref name="label"/> (percent when left out).
    /// </summary>
    public static string Svg(string title, DateOnly first, DateOnly last, IReadOnlyList<ChartSeries> series, double max = 1, Func<double, string>? label = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        label ??= v => string.Create(CultureInfo.InvariantCulture, $"{v * 100:0}%");
        var height = LegendTop + (Math.Max(series.Count, 1) * LegendRow);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">"));
        svg.Append("<title>").Append(Encode(title)).Append("</title>");

        // The value axis: five gridlines with their labels.
        for (var i = 0; i <= 4; i++)
        {
            var value = max * i / 4;
            var y = Y(value, max);
            svg.Append(Invariant($"<line x1=\"{PlotLeft}\" y1=\"{y:0.#}\" x2=\"{PlotLeft + PlotWidth}\" y2=\"{y:0.#}\" stroke=\"{(i == 0 ? "#1b1f24" : "#d0d7de")}\" stroke-width=\"1\"/>"));
            svg.Append(Invariant($"<text x=\"{PlotLeft - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">")).Append(Encode(label(value))).Append("</text>");
        }

        // The day axis: the first day, the middle one and the last.
        svg.Append(Invariant($"<line x1=\"{PlotLeft}\" y1=\"{PlotTop}\" x2=\"{PlotLeft}\" y2=\"{PlotTop + PlotHeight}\" stroke=\"#1b1f24\" stroke-width=\"1\"/>"));
        var days = last.DayNumber - first.DayNumber;
        foreach (var day in new[] { first, first.AddDays(days / 2), last }.Distinct())
        {
            var x = X(day, first, last);
            // The end labels are kept inside the chart: the first starts at its day, the last ends at its day.
            var anchor = days == 0 ? "middle" : day == first ? "start" : day == last ? "end" : "middle";
            svg.Append(Invariant($"<text x=\"{x:0.#}\" y=\"{PlotTop + PlotHeight + 16}\" text-anchor=\"{anchor}\">")).Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</text>");
        }

        if (series.All(s => s.Points.Count == 0))
        {
            svg.Append(Invariant($"<text x=\"{PlotLeft + (PlotWidth / 2)}\" y=\"{PlotTop + (PlotHeight / 2)}\" text-anchor=\"middle\" fill=\"#57606a\">no data in these days</text>"));
        }

        for (var i = 0; i < series.Count; i++)
        {
            var (dash, colour, marker) = (Dashes[i % Dashes.Length], Colours[i % Colours.Length], Markers[i % Markers.Length]);
            var points = series[i].Points.Where(p => p.Day >= first && p.Day <= last).OrderBy(p => p.Day).ToList();
            var at = points.Select(p => (X: X(p.Day, first, last), Y: Y(Math.Clamp(p.Value, 0, max), max))).ToList();
            svg.Append("<g class=\"series\"><title>").Append(Encode(series[i].Name)).Append("</title>");
            if (at.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-width=\"1.6\"")
                    .Append(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")
                    .Append(" points=\"").AppendJoin(' ', at.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}"))).Append("\"/>");
            }

            foreach (var (x, y) in at)
            {
                svg.Append(Marker(marker, x, y, colour));
            }

            svg.Append("</g>");

            // The legend, one row per line: its pattern and marker, then its name.
            var row = LegendTop + (i * LegendRow);
            svg.Append(Invariant($"<line x1=\"{PlotLeft}\" y1=\"{row - 4}\" x2=\"{PlotLeft + 36}\" y2=\"{row - 4}\" stroke=\"{colour}\" stroke-width=\"1.6\""))
                .Append(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "").Append("/>")
                .Append(Marker(marker, PlotLeft + 18, row - 4, colour))
                .Append(Invariant($"<text x=\"{PlotLeft + 44}\" y=\"{row}\">")).Append(Encode(series[i].Name)).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>Where <paramref name="day"/> is across the plot; a range of one day puts it in the middle.</summary>
    public static double X(DateOnly day, DateOnly first, DateOnly last) =>
        last == first ? PlotLeft + (PlotWidth / 2.0) : PlotLeft + ((double)(day.DayNumber - first.DayNumber) / (last.DayNumber - first.DayNumber) * PlotWidth);

    /// <summary>Where <paramref name="value"/> is up the plot: 0 at its bottom, <paramref name="max"/> at its top.</summary>
    public static double Y(double value, double max) => PlotTop + PlotHeight - (value / max * PlotHeight);

    private static string Marker(string shape, double x, double y, string colour) => shape switch
    {
        "circle" => Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3\" fill=\"{colour}\"/>"),
        "square" => Invariant($"<rect x=\"{x - 3:0.#}\" y=\"{y - 3:0.#}\" width=\"6\" height=\"6\" fill=\"{colour}\"/>"),
        "triangle" => Invariant($"<path d=\"M{x:0.#} {y - 4:0.#}L{x + 4:0.#} {y + 3:0.#}L{x - 4:0.#} {y + 3:0.#}Z\" fill=\"{colour}\"/>"),
        "diamond" => Invariant($"<path d=\"M{x:0.#} {y - 4:0.#}L{x + 4:0.#} {y:0.#}L{x:0.#} {y + 4:0.#}L{x - 4:0.#} {y:0.#}Z\" fill=\"{colour}\"/>"),
        "cross" => Invariant($"<path d=\"M{x - 3:0.#} {y - 3:0.#}L{x + 3:0.#} {y + 3:0.#}M{x + 3:0.#} {y - 3:0.#}L{x - 3:0.#} {y + 3:0.#}\" stroke=\"{colour}\" stroke-width=\"1.6\"/>"),
        _ => Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"#fff\" stroke=\"{colour}\" stroke-width=\"1.4\"/>"),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
