namespace Witn.Abstractions.Webhooks;

/// <summary>A registered endpoint, never with its secret; <see cref="TenantId"/> null means every tenant.</summary>
[GenerateSerializer, Immutable, Alias("witn.webhooks.endpoint-info")]
public sealed record WebhookEndpointInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Url,
    [property: Id(2)] string[] Events,
    [property: Id(3)] string? TenantId,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? DisabledAt);
