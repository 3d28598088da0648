using Orleans.Streams;
using Witn.Storage.Log;

namespace Witn.Grains.Log;

/// <summary>Names shared by the log's stream provider, its producers' partitioning and its consumers.</summary>
public static class LogStreams
{
    /// <summary>The Orleans stream provider that delivers the durable event log.</summary>
    public const string ProviderName = "witn-log";

    /// <summary>One stream per tenant in this namespace; its key is the tenant id.</summary>
    public const string TenantNamespace = "witn.tenant-events";

    /// <summary>The checkpoint owner name in <c>log_checkpoints</c> for delivery to tenant grains.</summary>
    public const string CheckpointConsumer = "tenant-router";

    public static StreamId ForTenant(string tenantId) => StreamId.Create(TenantNamespace, tenantId);

    /// <summary>The queue id of a log partition, placed at an even share of the ring.</summary>
    public static QueueId Queue(string providerName, int partition, int partitionCount) =>
        QueueId.GetQueueId(providerName, (uint)partition, (uint)((ulong)uint.MaxValue / (uint)partitionCount * (uint)partition));

    public static int PartitionOf(StreamId stream, int partitionCount) =>
        LogPartitions.Of(stream.GetKeyAsString(), partitionCount);
}
