namespace Witn.Abstractions.Tenants;

/// <summary>Wire form of <see cref="Witn.Domain.Exports.StripeBilling"/>.</summary>
[GenerateSerializer, Immutable, Alias("witn.tenants.stripe-billing")]
public readonly record struct StripeBillingSurrogate(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] Witn.Domain.Exports.StripeCollection Collection,
    [property: Id(2)] int? DaysUntilDue,
    [property: Id(3)] bool AutoAdvance);
