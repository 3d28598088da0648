using Witn.Domain.Quality;

namespace Witn.Api.OperatorConsole;

/// <summary>One agent version's counts of one definition over the chart's days (the quality page's table under its charts).</summary>
public sealed record ConsoleQualityRow(string Agent, QualityCounts Counts);
