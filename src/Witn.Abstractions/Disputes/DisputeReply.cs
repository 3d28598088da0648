using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>
/// The dispute after a command (<see cref="Created"/> for an opening), or why it was refused: then nothing changed,
/// and <see cref="DisputeRefusal.Kind"/> says 400, 403, 404 or 409.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.reply")]
public sealed record DisputeReply(
    [property: Id(0)] DisputeView? View,
    [property: Id(1)] bool Created,
    [property: Id(2)] DisputeRefusal? Refusal);
