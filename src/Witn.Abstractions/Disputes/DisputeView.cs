using Witn.Domain.Disputes;

namespace Witn.Abstractions.Disputes;

/// <summary>A dispute as read, with whether it is overdue on its tenant's clock at the time of reading.</summary>
[GenerateSerializer, Immutable, Alias("witn.disputes.view")]
public sealed record DisputeView([property: Id(0)] Dispute Dispute, [property: Id(1)] bool Overdue);
