using Witn.Domain.Webhooks;

namespace Witn.Storage.Webhooks;

/// <summary>One delivery of one outbox row to one endpoint; <see cref="Id"/> is the event id the receiver sees.</summary>
public sealed record WebhookDeliveryRow(
    Guid Id,
    Guid EndpointId,
    long OutboxId,
    string OutboxKind,
    Guid OutboxRef,
    string TenantId,
    string EventType,
    WebhookDeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt);
