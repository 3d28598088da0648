namespace Witn.Domain.Exports;

/// <summary>Where a tenant's settled charges go in Lago: the Lago customer's external id (its subscription's, too).</summary>
public sealed record LagoBilling(string ExternalCustomerId);
