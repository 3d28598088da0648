namespace Witn.Api.Tenants;

/// <summary>A tenant's Stripe settings as the API shows them (<c>collection</c> by Stripe's name).</summary>
public sealed record StripeBillingResponse(string CustomerId, string Collection, int? DaysUntilDue, bool AutoAdvance);
