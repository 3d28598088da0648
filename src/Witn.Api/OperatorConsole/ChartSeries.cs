namespace Witn.Api.OperatorConsole;

/// <summary>One line of a chart: its name in the legend and its points (any order; days without a value are left out).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);
