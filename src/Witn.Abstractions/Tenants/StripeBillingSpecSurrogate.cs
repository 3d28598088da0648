namespace Witn.Abstractions.Tenants;

/// <summary>Wire form of <see cref="Witn.Domain.Exports.StripeBillingSpec"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.stripe-billing-spec")]
public readonly record struct StripeBillingSpecSurrogate(
    [property: Id(0)] string? CustomerId,
    [property: Id(1)] string? Collection,
    [property: Id(2)] int? DaysUntilDue,
    [property: Id(3)] bool? AutoAdvance);
