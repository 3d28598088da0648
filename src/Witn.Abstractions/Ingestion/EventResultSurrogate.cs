namespace Witn.Abstractions.Ingestion;

/// <summary>Wire form of <see cref="Witn.Domain.Ingestion.EventResult"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.ingestion.event-result")]
public readonly record struct EventResultSurrogate(
    [property: Id(0)] int Status,
    [property: Id(1)] Guid? EventId,
    [property: Id(2)] string? Code,
    [property: Id(3)] string? Field,
    [property: Id(4)] string? Reason);
