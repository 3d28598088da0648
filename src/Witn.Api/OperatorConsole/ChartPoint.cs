namespace Witn.Api.OperatorConsole;

/// <summary>One value of a chart's line: a day and what was measured that day.</summary>
public readonly record struct ChartPoint(DateOnly Day, double Value);
