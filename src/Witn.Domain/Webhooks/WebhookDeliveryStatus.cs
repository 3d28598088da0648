namespace Witn.Domain.Webhooks;

/// <summary>Where a webhook delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (or being sent right now).</summary>
    Pending,

    /// <summary>A 2xx answer was recorded; nothing more is sent unless it is replayed.</summary>
    Delivered,

    /// <summary>Every attempt failed; nothing more is sent unless it is replayed.</summary>
    Dead,
}
