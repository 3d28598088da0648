using Orleans.Concurrency;
using Witn.Abstractions.Webhooks;
using Witn.Storage.Webhooks;

namespace Witn.Grains.Webhooks;

/// <summary>Webhook endpoints and deliveries for the API, served on whichever silo asks.</summary>
[StatelessWorker, Reentrant]
public sealed class WebhookRegistryGrain(WebhookStore store) : Grain, IWebhookRegistryGrain
{
    public async Task<CreatedWebhookEndpoint> CreateAsync(NewWebhookEndpoint request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (row, secret) = await store.CreateEndpointAsync(request.Url, request.Events, request.TenantId);
        return new CreatedWebhookEndpoint(WebhookMapping.ToInfo(row), secret);
    }

    public async Task<WebhookEndpointInfo[]> ListAsync() => [.. (await store.ListEndpointsAsync()).Select(WebhookMapping.ToInfo)];

    public async Task<WebhookEndpointInfo?> DisableAsync(Guid id) => await store.DisableEndpointAsync(id) is { } row ? WebhookMapping.ToInfo(row) : null;

    public async Task<WebhookEndpointInfo[]?> ListPageAsync(string? tenantId, int limit, Guid? after) =>
        await store.ListEndpointsAsync(tenantId, limit, after) is { } rows ? [.. rows.Select(WebhookMapping.ToInfo)] : null;

    public async Task<WebhookDeliveryInfo[]?> ListDeliveriesAsync(WebhookDeliveryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await store.ListDeliveriesAsync(query.Status, query.EndpointId, query.EndpointTenantId, query.Limit, query.After) is { } rows
            ? [.. rows.Select(WebhookMapping.ToInfo)]
            : null;
    }

    public async Task<WebhookDeliveryInfo?> GetDeliveryAsync(Guid deliveryId) =>
        await store.GetDeliveryAsync(deliveryId) is { } row ? WebhookMapping.ToInfo(row) : null;

    public async Task<WebhookReplayReply> ReplayAsync(Guid deliveryId)
    {
        var (status, row) = await store.ReplayAsync(deliveryId);
        return new WebhookReplayReply(status, row is null ? null : WebhookMapping.ToInfo(row));
    }
}
