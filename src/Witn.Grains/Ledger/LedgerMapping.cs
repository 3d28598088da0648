using Witn.Abstractions.Ledger;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>Ledger rows as they cross the wire.</summary>
public static class LedgerMapping
{
    public static ChargeInfo ToInfo(ChargeRow r) => new(
        r.Id, r.TenantId, r.Outcome, r.DefinitionVersion, r.Correlation, r.QualifiedAt, r.SettlesAt, r.CommittedAt, r.AgentId,
        r.AgentVersion, r.DimensionsJson, r.Value, r.ContractVersion, r.Currency, r.UnitPrice, r.Amount, r.EvidenceJson, r.Sequence);

    /// <summary>The receipt's view of a charge: what it was rated with. A charge committed here is not yet credited.</summary>
    public static OutcomeChargeInfo ToOutcomeCharge(ChargeRow r, Guid? creditId) =>
        new(r.Id, r.Sequence, r.ContractVersion, r.Currency, r.UnitPrice, r.Amount, r.PriceBucket, r.Value, creditId);

    public static CreditInfo ToInfo(CreditRow r) => new(r.Id, r.ChargeId, r.TenantId, r.Reason, r.CreatedAt, r.Currency, r.Amount, r.EvidenceJson, r.DisputeId);
}
