using Witn.Abstractions.Webhooks;
using Witn.Domain.Webhooks;

namespace Witn.Api.Webhooks;

/// <summary>
/// One delivery: <see cref="Id"/> is the event id the receiver sees (the same on every retry and replay);
/// <see cref="NextAttemptAt"/> is set only while it is pending.
/// </summary>
public sealed record WebhookDeliveryResponse(
    Guid Id,
    Guid EndpointId,
    string Type,
    string TenantId,
    long OutboxId,
    string OutboxKind,
    Guid OutboxRef,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt)
{
    public static WebhookDeliveryResponse From(WebhookDeliveryInfo d) => new(
        d.Id, d.EndpointId, d.EventType, d.TenantId, d.OutboxId, d.OutboxKind, d.OutboxRef, d.Status, d.Attempts,
        d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastStatusCode, d.LastError, d.DeliveredAt, d.CreatedAt);
}
