namespace Witn.Client.Cluster;

/// <summary>The cluster as seen by the silo that answered (<see cref="ServedBy"/>), oldest silo first.</summary>
public sealed record ClusterInfo(string ServedBy, IReadOnlyList<SiloInfo> Silos);
