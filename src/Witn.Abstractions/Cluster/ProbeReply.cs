namespace Witn.Abstractions.Cluster;

/// <summary>Where a probe grain lives and how often it has been called since it was activated.</summary>
[GenerateSerializer, Immutable, Alias("witn.cluster.probe-reply")]
public sealed record ProbeReply(
    [property: Id(0)] string Key,
    [property: Id(1)] string Silo,
    [property: Id(2)] string ActivationId,
    [property: Id(3)] long Calls);
