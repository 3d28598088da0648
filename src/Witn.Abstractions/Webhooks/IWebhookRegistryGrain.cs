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

    /// <summary>
    /// A page of endpoints in creation order, only those registered for <paramref name="tenantId"/> when given: at most
    /// <paramref name="limit"/> after the endpoint <paramref name="after"/>; null when that is no endpoint of the list.
    /// </summary>
    [Alias("list-page")]
    Task<WebhookEndpointInfo[]?> ListPageAsync(string? tenantId, int limit, Guid? after);

    /// <summary>Stops deliveries to the endpoint; null when no endpoint has that id.</summary>
    [Alias("disable")]
    Task<WebhookEndpointInfo?> DisableAsync(Guid id);

    /// <summary>A page of deliveries; null when the query's <c>After</c> is no delivery it may list.</summary>
    [Alias("deliveries")]
    Task<WebhookDeliveryInfo[]?> ListDeliveriesAsync(WebhookDeliveryQuery query);

    [Alias("delivery")]
    Task<WebhookDeliveryInfo?> GetDeliveryAsync(Guid deliveryId);

    /// <summary>Queues a delivered or dead delivery for another send with the same event id.</summary>
    [Alias("replay")]
    Task<WebhookReplayReply> ReplayAsync(Guid deliveryId);
}
