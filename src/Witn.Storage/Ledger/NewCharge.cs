using Witn.Domain.Contracts;

namespace Witn.Storage.Ledger;

/// <summary>
/// A charge to commit: one per (tenant, outcome, correlation, sequence), ever; <see cref="Sequence"/> is its place
/// among the outcome's charges (a re-issued or re-qualified outcome is charged again at the next place). Priced fields are null while the outcome has
/// no contract price; <see cref="Amount"/> requires <see cref="Currency"/> and must be exact in its minor units.
/// JSON fields are JSON text (stored as jsonb, so they read back normalized). <see cref="Billing"/> is the tenant's
/// billing period, which places the charge on an invoice; <see cref="PriceBucket"/> names the <c>by</c> override a
/// flat price used (null: the outcome's plain <c>unit_price</c>).
/// </summary>
public sealed record NewCharge(
    string TenantId,
    string Outcome,
    int DefinitionVersion,
    string Correlation,
    DateTimeOffset QualifiedAt,
    DateTimeOffset SettlesAt,
    string? AgentId,
    string? AgentVersion,
    string DimensionsJson,
    decimal? Value,
    int? ContractVersion,
    string? Currency,
    decimal? UnitPrice,
    decimal? Amount,
    string EvidenceJson,
    BillingPeriod Billing,
    string? PriceBucket = null,
    int Sequence = 1);
