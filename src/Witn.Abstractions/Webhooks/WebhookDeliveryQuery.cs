using Witn.Domain.Webhooks;

namespace Witn.Abstractions.Webhooks;

/// <summary>
/// Which deliveries to list, newest first, at most <see cref="Limit"/> after the delivery <see cref="After"/>:
/// optionally one status, one endpoint, and only endpoints registered for one tenant (<see cref="EndpointTenantId"/>,
/// what a tenant-restricted key may see).
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.webhooks.delivery-query")]
public sealed record WebhookDeliveryQuery(
    [property: Id(0)] WebhookDeliveryStatus? Status,
    [property: Id(1)] Guid? EndpointId,
    [property: Id(2)] string? EndpointTenantId,
    [property: Id(3)] int Limit,
    [property: Id(4)] Guid? After = null);
