using System.Text;

namespace Witn.Storage.Log;

/// <summary>
/// The tenant-to-partition function. It must give the same answer in every process, run and version
/// (positions and checkpoints depend on it), so it is FNV-1a (32-bit) over the tenant id's UTF-8 bytes,
/// never <see cref="string.GetHashCode()"/>, which is randomized per process.
/// </summary>
public static class LogPartitions
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static int Of(string tenantId, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var max = Encoding.UTF8.GetMaxByteCount(tenantId.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(tenantId, bytes);
        var hash = OffsetBasis;
        foreach (var b in bytes[..length])
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return (int)(hash % (uint)partitionCount);
    }
}
