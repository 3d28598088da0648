namespace Witn.Api.Webhooks;

/// <summary>The answer to a registration: the only response that ever contains the signing secret.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Secret, string Url, IReadOnlyList<string> Events, string? TenantId, DateTimeOffset CreatedAt);
