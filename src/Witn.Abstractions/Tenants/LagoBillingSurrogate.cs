namespace Witn.Abstractions.Tenants;

/// <summary>Wire form of <see cref="Witn.Domain.Exports.LagoBilling"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.lago-billing")]
public readonly record struct LagoBillingSurrogate([property: Id(0)] string ExternalCustomerId);
