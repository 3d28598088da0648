namespace Witn.Grains.Log;

/// <summary>
/// Where a provider over the log delivers: the stream namespace its tenant streams are in (implicit subscribers
/// of that namespace receive them) and the owner of its checkpoints in <c>log_checkpoints</c>. Two providers with
/// different deliveries read the same log independently.
/// </summary>
public sealed record LogDelivery(string StreamNamespace, string CheckpointConsumer)
{
    /// <summary>Delivery to tenant grains (PostgreSQL mode).</summary>
    public static LogDelivery Tenants { get; } = new(LogStreams.TenantNamespace, LogStreams.CheckpointConsumer);
}
