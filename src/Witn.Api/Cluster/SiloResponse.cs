namespace Witn.Api.Cluster;

/// <summary>One silo as the membership table records it.</summary>
public sealed record SiloResponse(string Address, string Name, string Status, string HostName, DateTimeOffset StartedAt, DateTimeOffset IAmAliveAt);
