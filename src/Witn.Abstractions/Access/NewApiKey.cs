using Witn.Domain.Access;

namespace Witn.Abstractions.Access;

/// <summary>A request for a key; validated by the caller before it crosses the wire. Without an expiry the key lasts until revoked.</summary>
[GenerateSerializer, Immutable, Alias("witn.access.new-api-key")]
public sealed record NewApiKey(
    [property: Id(0)] string Name,
    [property: Id(1)] ApiKeyScope[] Scopes,
    [property: Id(2)] string? TenantId,
    [property: Id(3)] DateTimeOffset? ExpiresAt = null);
