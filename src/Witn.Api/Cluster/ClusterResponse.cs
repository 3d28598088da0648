namespace Witn.Api.Cluster;

/// <summary>The cluster as seen from the silo that answered.</summary>
public sealed record ClusterResponse(string ServedBy, IReadOnlyList<SiloResponse> Silos);
