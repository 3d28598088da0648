namespace Witn.Domain.Evaluation;

/// <summary>A captured pricing dimension; <see cref="Value"/> is null when no event carried the property.</summary>
public sealed record DimensionValue(string Path, string? Value);
