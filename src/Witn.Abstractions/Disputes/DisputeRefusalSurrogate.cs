using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>Wire form of <see cref="DisputeRefusal"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.refusal")]
public readonly record struct DisputeRefusalSurrogate(
    [property: Id(0)] DisputeRefusalKind Kind,
    [property: Id(1)] string Field,
    [property: Id(2)] string Detail,
    [property: Id(3)] string Fix,
    [property: Id(4)] Dispute? Existing);
