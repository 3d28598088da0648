namespace Witn.Api.Simulations;

/// <summary>
/// <c>POST /v1/admin/rebuild</c>: recompute the stored state of every outcome of some tenants (all when left out) from
/// the log as of <see cref="Until"/> (now when left out), checked against the ledger.
/// </summary>
public sealed record RebuildRequestBody(IReadOnlyList<string>? Tenants, string? Until);
