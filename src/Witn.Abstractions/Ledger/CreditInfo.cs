namespace Witn.Abstractions.Ledger;

/// <summary>
/// A committed credit: the charge it reverses, why, and its amount (positive; it reduces the total);
/// <see cref="DisputeId"/> names the dispute a <c>dispute</c> credit resolved.
/// </summary>
[GenerateSerializer, Immutable, Alias("witn.ledger.credit-info")]
public sealed record CreditInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ChargeId,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string Reason,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string? Currency,
    [property: Id(6)] decimal? Amount,
    [property: Id(7)] string EvidenceJson,
    [property: Id(8)] Guid? DisputeId = null);
