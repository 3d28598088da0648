using Witn.Abstractions.Webhooks;

namespace Witn.Api.Webhooks;

/// <summary>An endpoint as listed: never its secret. <see cref="TenantId"/> null means every tenant.</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, string? TenantId, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt)
{
    public static WebhookResponse From(WebhookEndpointInfo e) => new(e.Id, e.Url, e.Events, e.TenantId, e.DisabledAt is null, e.CreatedAt, e.DisabledAt);
}
