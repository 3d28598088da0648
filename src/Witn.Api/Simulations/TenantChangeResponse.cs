namespace Witn.Api.Simulations;

/// <summary>The spread of the per-tenant change in percent: median and 95th percentile (nearest rank), over tenants with actual revenue.</summary>
public sealed record TenantChangeResponse(decimal? P50Percent, decimal? P95Percent, int Tenants);
