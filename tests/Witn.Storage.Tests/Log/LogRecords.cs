using System.Security.Cryptography;
using System.Text;
using Witn.Storage.Log;

namespace Witn.Storage.Tests.Log;

/// <summary>Builds log records for tests; the content hash covers type and properties, as ingestion's would.</summary>
internal static class LogRecords
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static string NewTenant() => $"t-{Guid.NewGuid():N}"[..14];

    /// <summary>A tenant id (fresh) that hashes to the given partition.</summary>
    public static string TenantIn(int partition, int partitionCount)
    {
        while (true)
        {
            var tenant = NewTenant();
            if (LogPartitions.Of(tenant, partitionCount) == partition)
            {
                return tenant;
            }
        }
    }

    public static LogRecord Record(string tenant, Guid? id = null, string type = "ticket.resolved", string properties = """{"ticket": "T-1"}""", DateTimeOffset? at = null) =>
        new(id ?? Guid.NewGuid(), tenant, type, at ?? Start, null, "agent-1", "1.0.0", "trace-1", "span-1", null, properties, Hash(type, properties));

    public static LogRecord WithProperties(this LogRecord record, string properties) =>
        record with { PropertiesJson = properties, ContentHash = Hash(record.Type, properties) };

    public static byte[] Hash(string type, string properties) => SHA256.HashData(Encoding.UTF8.GetBytes(type + "\n" + properties));
}
