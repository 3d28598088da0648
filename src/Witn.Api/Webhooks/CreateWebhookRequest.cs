namespace Witn.Api.Webhooks;

/// <summary>Body of <c>POST /v1/webhooks</c>; <see cref="TenantId"/> omitted means every tenant.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events, string? TenantId);
