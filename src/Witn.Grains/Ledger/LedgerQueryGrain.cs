using Orleans.Concurrency;
using Witn.Abstractions.Ledger;
using Witn.Storage.Ledger;

namespace Witn.Grains.Ledger;

/// <summary>Ledger reads for the API, served on whichever silo asks.</summary>
[StatelessWorker, Reentrant]
public sealed class LedgerQueryGrain(LedgerStore store) : Grain, ILedgerQueryGrain
{
    public async Task<ChargeInfo[]> ListChargesAsync(string tenantId, DateTimeOffset? from, DateTimeOffset? to) =>
        [.. (await store.ListChargesAsync(tenantId, from, to)).Select(ToInfo)];

    public async Task<CreditInfo[]> ListCreditsAsync(string tenantId) =>
        [.. (await store.ListCreditsAsync(tenantId)).Select(ToInfo)];

    public async Task<ChargeInfo?> GetChargeAsync(Guid id) => await store.GetChargeAsync(id) is { } row ? ToInfo(row) : null;

    public async Task<CreditInfo?> GetCreditOfAsync(Guid chargeId) => await store.GetCreditOfAsync(chargeId) is { } row ? ToInfo(row) : null;

    private static ChargeInfo ToInfo(ChargeRow r) => new(
        r.Id, r.TenantId, r.Outcome, r.DefinitionVersion, r.Correlation, r.QualifiedAt, r.SettlesAt, r.CommittedAt, r.AgentId,
        r.AgentVersion, r.DimensionsJson, r.Value, r.ContractVersion, r.Currency, r.UnitPrice, r.Amount, r.EvidenceJson);

    private static CreditInfo ToInfo(CreditRow r) => new(r.Id, r.ChargeId, r.TenantId, r.Reason, r.CreatedAt, r.Currency, r.Amount, r.EvidenceJson);
}
