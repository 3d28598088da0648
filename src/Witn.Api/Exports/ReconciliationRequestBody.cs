namespace Witn.Api.Exports;

/// <summary>Body of <c>POST /v1/reconciliations</c>: the provider, and optionally one period (its local start date) and some tenants.</summary>
public sealed record ReconciliationRequestBody(string? Provider, string? Period, IReadOnlyList<string>? Tenants);
