using Witn.Domain.Evidence;

namespace Witn.Api.Pages;

/// <summary>
/// What the evidence page shows: the bundle, what the ledger charged for it (<see cref="Amount"/> in
/// <see cref="Currency"/>, when the charge is priced; <see cref="Reference"/> the charge id) and the tenant's name and zone.
/// </summary>
public sealed record EvidenceView(EvidenceBundle Bundle, string TenantName, NodaTime.DateTimeZone Zone, decimal? Amount = null, string? Currency = null, string? Reference = null);
