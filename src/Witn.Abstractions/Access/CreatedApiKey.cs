namespace Witn.Abstractions.Access;

/// <summary>A new key with its secret token: the only moment the secret exists outside its holder.</summary>
[GenerateSerializer, Immutable, Alias("witn.access.created-api-key")]
public sealed record CreatedApiKey(
    [property: Id(0)] ApiKeyInfo Key,
    [property: Id(1)] string Token);
