using Witn.Domain.Quality;

namespace Witn.Abstractions.Quality;

/// <summary>Wire form of <see cref="QualityCounts"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.quality.counts")]
public readonly record struct QualityCountsSurrogate(
    [property: Id(0)] long Opened,
    [property: Id(1)] long Qualified,
    [property: Id(2)] long InReview,
    [property: Id(3)] long Settled,
    [property: Id(4)] long Voided,
    [property: Id(5)] long Expired,
    [property: Id(6)] long Rejected,
    [property: Id(7)] long Reversed,
    [property: Id(8)] long Charges,
    [property: Id(9)] long UnpricedCharges,
    [property: Id(10)] long EvidenceComplete,
    [property: Id(11)] long CreditedCharges,
    [property: Id(12)] long Credits,
    [property: Id(13)] long DisputedCharges,
    [property: Id(14)] long Disputes,
    [property: Id(15)] long EventsReceived,
    [property: Id(16)] long Duplicates,
    [property: Id(17)] long Conflicts);
