using Witn.Abstractions.Webhooks;
using Witn.Storage.Webhooks;

namespace Witn.Grains.Webhooks;

/// <summary>Webhook rows as they cross the wire.</summary>
public static class WebhookMapping
{
    public static WebhookEndpointInfo ToInfo(WebhookEndpointRow r) => new(r.Id, r.Url, [.. r.Events], r.TenantId, r.CreatedAt, r.DisabledAt);

    public static WebhookDeliveryInfo ToInfo(WebhookDeliveryRow r) => new(
        r.Id, r.EndpointId, r.OutboxId, r.OutboxKind, r.OutboxRef, r.TenantId, r.EventType, r.Status, r.Attempts, r.NextAttemptAt,
        r.LastStatusCode, r.LastError, r.DeliveredAt, r.CreatedAt);
}
