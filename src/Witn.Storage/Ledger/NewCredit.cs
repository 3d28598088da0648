using Witn.Domain.Contracts;

namespace Witn.Storage.Ledger;

/// <summary>
/// A credit to write: its id (a dispute credit's is derived from the dispute), the charge, why, its evidence, its
/// amount in the charge's currency (null: the charge is rated on the invoice), its time on the tenant's clock and
/// the billing grid that picks its invoice; <see cref="DisputeId"/> is null for the charge's lifecycle credit.
/// </summary>
public sealed record NewCredit(
    Guid Id,
    Guid ChargeId,
    string Reason,
    string EvidenceJson,
    decimal? Amount,
    DateTimeOffset EffectiveAt,
    BillingPeriod Billing,
    Guid? DisputeId);
