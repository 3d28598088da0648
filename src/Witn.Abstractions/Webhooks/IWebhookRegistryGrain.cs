namespace Witn.Abstractions.Webhooks;

/// <summary>Registers webhook endpoints and shows their deliveries. Stateless: any silo serves it from the database (key unused, use 0).</summary>
[Alias("witn.webhooks.registry")]
public interface IWebhookRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers an endpoint (validated by the caller); the reply holds its signing secret, the only time it leaves the database.</summary>
    [Alias("create")]
    Task<CreatedWebhookEndpoint> CreateAsync(NewWebhookEndpoint request);

    [Alias("list")]
    Task<WebhookEndpointInfo[]> ListAsync();

    /// <summary>Stops deliveries to the endpoint; null when no endpoint has that id.</summary>
    [Alias("disable")]
    Task<WebhookEndpointInfo?> DisableAsync(Guid id);

    [Alias("deliveries")]
    Task<WebhookDeliveryInfo[]> ListDeliveriesAsync(WebhookDeliveryQuery query);

    [Alias("delivery")]
    Task<WebhookDeliveryInfo?> GetDeliveryAsync(Guid deliveryId);

    /// <summary>Queues a delivered or dead delivery for another send with the same event id.</summary>
    [Alias("replay")]
    Task<WebhookReplayReply> ReplayAsync(Guid deliveryId);
}
