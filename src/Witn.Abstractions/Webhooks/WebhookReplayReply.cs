using Witn.Domain.Webhooks;

namespace Witn.Abstractions.Webhooks;

/// <summary>What a replay did, and the delivery as it stands afterwards (null when it does not exist).</summary>
[GenerateSerializer, Immutable, Alias("witn.webhooks.replay-reply")]
public sealed record WebhookReplayReply(
    [property: Id(0)] WebhookReplayStatus Status,
    [property: Id(1)] WebhookDeliveryInfo? Delivery);
