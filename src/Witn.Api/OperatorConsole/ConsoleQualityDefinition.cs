namespace Witn.Api.OperatorConsole;

/// <summary>One definition on the quality page: its two charts (SVG, from <see cref="LineChart"/>) and the table of its agent versions.</summary>
public sealed record ConsoleQualityDefinition(string Definition, string ConversionSvg, string DisputeSvg, IReadOnlyList<ConsoleQualityRow> Versions);
