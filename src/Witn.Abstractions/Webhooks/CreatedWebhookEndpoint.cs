namespace Witn.Abstractions.Webhooks;

/// <summary>A new endpoint with its signing secret: the only moment the secret is shown.</summary>
[GenerateSerializer, Immutable, Alias("witn.webhooks.created-endpoint")]
public sealed record CreatedWebhookEndpoint(
    [property: Id(0)] WebhookEndpointInfo Endpoint,
    [property: Id(1)] string Secret);
