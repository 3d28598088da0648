using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>Wire form of <see cref="DisputeMessage"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.message")]
public readonly record struct DisputeMessageSurrogate(
    [property: Id(0)] DisputeAuthor Kind,
    [property: Id(1)] string Author,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset At);
