namespace Witn.Abstractions.Ingestion;

/// <summary>Wire form of <see cref="Witn.Domain.Ingestion.EnvelopeFailure"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.ingestion.envelope-failure")]
public readonly record struct EnvelopeFailureSurrogate(
    [property: Id(0)] string Code,
    [property: Id(1)] string Path,
    [property: Id(2)] int? Line,
    [property: Id(3)] int? Column,
    [property: Id(4)] string Problem,
    [property: Id(5)] string Hint);
