namespace Witn.Domain.Exports;

/// <summary>
/// The <c>stripe</c> object of <c>PUT /v1/tenants/{id}</c>, before validation: fields left out keep their current
/// values; <c>customer_id</c> "none" stops exporting the tenant to Stripe.
/// </summary>
public sealed record StripeBillingSpec(string? CustomerId, string? Collection, int? DaysUntilDue, bool? AutoAdvance);
