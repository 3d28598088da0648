namespace Witn.Abstractions.Quality;

/// <summary>What credits gave back in one currency.</summary>
[GenerateSerializer, Immutable, Alias("witn.quality.credited-amount")]
public sealed record QualityCreditedAmount([property: Id(0)] string Currency, [property: Id(1)] decimal Amount);
