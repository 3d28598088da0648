using Witn.Domain.Access;

namespace Witn.Abstractions.Access;

/// <summary>A request for a key; validated by the caller before it crosses the wire.</summary>
[GenerateSerializer, Immutable, Alias("witn.access.new-api-key")]
public sealed record NewApiKey(
    [property: Id(0)] string Name,
    [property: Id(1)] ApiKeyScope[] Scopes,
    [property: Id(2)] string? TenantId);
