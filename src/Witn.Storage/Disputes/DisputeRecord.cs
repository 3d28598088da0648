using Witn.Domain.Disputes;

namespace Witn.Storage.Disputes;

/// <summary>A stored dispute and its version (the optimistic-concurrency counter its next change must name).</summary>
public sealed record DisputeRecord(Dispute Dispute, int Version);
