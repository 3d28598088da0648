namespace Witn.Domain.Exports;

/// <summary>The <c>lago</c> object of <c>PUT /v1/tenants/{id}</c>: <c>external_customer_id</c> "none" stops exporting the tenant to Lago.</summary>
public sealed record LagoBillingSpec(string? ExternalCustomerId);
