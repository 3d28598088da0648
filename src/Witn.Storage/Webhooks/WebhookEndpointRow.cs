namespace Witn.Storage.Webhooks;

/// <summary>A registered webhook endpoint as stored, without its secret (which only the dispatcher reads).</summary>
public sealed record WebhookEndpointRow(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    string? TenantId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt);
