namespace Witn.Abstractions.Tenants;

/// <summary>Wire form of <see cref="Witn.Domain.Exports.LagoBillingSpec"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.lago-billing-spec")]
public readonly record struct LagoBillingSpecSurrogate([property: Id(0)] string? ExternalCustomerId);
