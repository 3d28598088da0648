namespace Witn.Abstractions.Webhooks;

/// <summary>An endpoint to register: an absolute http(s) URL, known event types, and optionally the one tenant it is for.</summary>
[GenerateSerializer, Immutable, Alias("witn.webhooks.new-endpoint")]
public sealed record NewWebhookEndpoint(
    [property: Id(0)] string Url,
    [property: Id(1)] string[] Events,
    [property: Id(2)] string? TenantId);
