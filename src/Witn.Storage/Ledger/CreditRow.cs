namespace Witn.Storage.Ledger;

/// <summary>
/// A credit against one charge, as stored; <see cref="Amount"/> is in the charge's <see cref="Currency"/>.
/// <see cref="DisputeId"/> names the dispute a dispute credit resolved (null: the charge's lifecycle credit).
/// </summary>
public sealed record CreditRow(
    Guid Id,
    Guid ChargeId,
    string TenantId,
    string Reason,
    DateTimeOffset CreatedAt,
    string? Currency,
    decimal? Amount,
    string EvidenceJson,
    DateTimeOffset? EffectiveAt,
    DateTimeOffset? InvoicePeriod,
    Guid? DisputeId = null);
