using System.Globalization;
using System.Text.RegularExpressions;
using Witn.Api.OperatorConsole;

namespace Witn.Api.Tests.Console;

/// <summary>The console's server-drawn line chart: where points land, and what an empty or one-point chart draws.</summary>
public sealed partial class LineChartTests
{
    private static readonly DateOnly First = new(2026, 11, 1);
    private static readonly DateOnly Last = new(2026, 11, 28);

    [Fact]
    public void points_scale_from_the_first_day_at_zero_to_the_last_day_at_the_maximum()
    {
        var svg = LineChart.Svg("t", First, Last, [new ChartSeries("v1", [new(Last, 1), new(First, 0), new(new DateOnly(2026, 11, 15), 0.5)])]);

        var points = Points().Match(svg).Groups["points"].Value.Split(' ')
            .Select(p => p.Split(',').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(3, points.Length);
        // In day order, whatever order they came in.
        Assert.Equal([LineChart.PlotLeft, LineChart.PlotTop + LineChart.PlotHeight], points[0]);
        Assert.Equal(LineChart.PlotLeft + (14.0 / 27 * LineChart.PlotWidth), points[1][0], 0.1);
        Assert.Equal(LineChart.PlotTop + (LineChart.PlotHeight / 2.0), points[1][1], 0.1);
        Assert.Equal([LineChart.PlotLeft + LineChart.PlotWidth, LineChart.PlotTop], points[2]);
        Assert.Contains(">100%</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">0%</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">2026-11-01</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">2026-11-28</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void an_empty_chart_says_there_is_no_data_and_draws_no_line()
    {
        var none = LineChart.Svg("nothing", First, Last, []);
        var emptySeries = LineChart.Svg("nothing", First, Last, [new ChartSeries("v1", [])]);

        foreach (var svg in new[] { none, emptySeries })
        {
            Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
            Assert.Contains("no data in these days", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("<polyline", svg, StringComparison.Ordinal);
        }

        Assert.Contains(">v1</text>", emptySeries, StringComparison.Ordinal);
    }

    [Fact]
    public void a_single_point_is_a_marker_without_a_line_and_a_one_day_range_puts_it_in_the_middle()
    {
        var svg = LineChart.Svg("one", First, First, [new ChartSeries("v1", [new(First, 0.25)])]);

        Assert.DoesNotContain("<polyline", svg, StringComparison.Ordinal);
        var x = LineChart.PlotLeft + (LineChart.PlotWidth / 2.0);
        var y = LineChart.PlotTop + (LineChart.PlotHeight * 0.75);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3\""), svg, StringComparison.Ordinal);
        Assert.DoesNotContain("no data", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void each_line_has_its_own_dash_pattern_and_marker_and_every_name_is_encoded()
    {
        var svg = LineChart.Svg("<b>", First, Last,
        [
            new ChartSeries("bot <3.1>", [new(First, 0.1), new(Last, 0.2)]),
            new ChartSeries("bot & 3.2", [new(First, 0.3), new(Last, 0.4)]),
        ]);

        Assert.Contains("<title>&lt;b&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Contains(">bot &lt;3.1&gt;</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">bot &amp; 3.2</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
        var lines = Points().Matches(svg);
        Assert.Equal(2, lines.Count);
        Assert.DoesNotContain("stroke-dasharray", lines[0].Value, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray=\"6 3\"", lines[1].Value, StringComparison.Ordinal);
        Assert.Contains("<rect ", svg, StringComparison.Ordinal);
    }

    [GeneratedRegex("<polyline[^>]*points=\"(?<points>[^\"]+)\"[^>]*/>")]
    private static partial Regex Points();
}
