namespace Witn.Client.Cluster;

/// <summary>One silo as the cluster's membership table records it; <see cref="Status"/> is e.g. <c>active</c> or <c>dead</c>.</summary>
public sealed record SiloInfo(string Address, string Name, string Status, string HostName, DateTimeOffset StartedAt, DateTimeOffset IAmAliveAt);
