using Witn.Domain.Webhooks;

namespace Witn.Abstractions.Webhooks;

/// <summary>One delivery of one ledger outbox row to one endpoint; <see cref="Id"/> is the event id the receiver sees.</summary>
[GenerateSerializer, Immutable, Alias("witn.webhooks.delivery-info")]
public sealed record WebhookDeliveryInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid EndpointId,
    [property: Id(2)] long OutboxId,
    [property: Id(3)] string OutboxKind,
    [property: Id(4)] Guid OutboxRef,
    [property: Id(5)] string TenantId,
    [property: Id(6)] string EventType,
    [property: Id(7)] WebhookDeliveryStatus Status,
    [property: Id(8)] int Attempts,
    [property: Id(9)] DateTimeOffset NextAttemptAt,
    [property: Id(10)] int? LastStatusCode,
    [property: Id(11)] string? LastError,
    [property: Id(12)] DateTimeOffset? DeliveredAt,
    [property: Id(13)] DateTimeOffset CreatedAt);
