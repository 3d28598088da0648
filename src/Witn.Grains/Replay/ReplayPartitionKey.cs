using System.Globalization;

namespace Witn.Grains.Replay;

/// <summary>The key of a replay partition grain: simulation, tenant, and the bucket of its outcomes (by correlation hash).</summary>
public sealed record ReplayPartitionKey(Guid SimulationId, string Tenant, int Bucket, int Buckets)
{
    public override string ToString() => $"{SimulationId:N}/{Bucket}/{Buckets}/{Tenant}";

    // The tenant goes last: it is the one part that could hold a slash.
    public static ReplayPartitionKey Parse(string key)
    {
        var parts = key.Split('/', 4);
        return new ReplayPartitionKey(Guid.ParseExact(parts[0], "N"), parts[3], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}
