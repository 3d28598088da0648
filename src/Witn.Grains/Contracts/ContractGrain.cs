using Witn.Abstractions.Contracts;
using Witn.Abstractions.Shadow;
using Witn.Domain.Contracts;
using Witn.Grains.Outcomes;
using Witn.Grains.Shadow;
using Witn.Storage.Contracts;
using Witn.Storage.Tenants;

namespace Witn.Grains.Contracts;

/// <summary>
/// Thin: check the tenant exists, parse with the domain (known outcomes from this silo's catalog, for warnings),
/// let the database number the version, and hand the parsed contract to this silo's book.
/// </summary>
public sealed class ContractGrain(
    ContractStore store, TenantStore tenants, IDefinitionCatalog catalog, ContractBook book, ShadowComparer comparer, ShadowPromoter promoter, TimeProvider time)
    : Grain, IContractGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<ContractPutReply> PutAsync(ContractSource source)
    {
        var (contract, refused, warnings) = await ValidateAsync(source);
        if (refused is not null)
        {
            return refused;
        }

        // Without effective_from the version starts now; the canonical form records the instant either way.
        var effectiveFrom = contract!.EffectiveFrom ?? time.GetUtcNow();
        var row = await store.AppendAsync(new NewContractVersion(
            TenantId, effectiveFrom, source.Format, source.Text, (contract with { EffectiveFrom = effectiveFrom }).ToCanonicalJson(), contract.Currency));
        book.Book(row);
        return new ContractPutReply(ContractMapping.ToInfo(row), false, [], warnings);
    }

    public async Task<ContractPutReply> PutShadowAsync(ContractSource source)
    {
        var (contract, refused, warnings) = await ValidateAsync(source);
        if (refused is not null)
        {
            return refused;
        }

        // Never priced by: its effective_from only says what the author wrote (a promotion sets the real one).
        var effectiveFrom = contract!.EffectiveFrom ?? time.GetUtcNow();
        var row = await store.AppendShadowAsync(new NewContractVersion(
            TenantId, effectiveFrom, source.Format, source.Text, (contract with { EffectiveFrom = effectiveFrom }).ToCanonicalJson(), contract.Currency));
        return new ContractPutReply(ContractMapping.ToInfo(row), false, [], warnings);
    }

    public async Task<ContractVersionInfo?> GetShadowAsync() =>
        await store.GetShadowAsync(TenantId) is { } row ? ContractMapping.ToInfo(row) : null;

    public Task<ShadowComparisonReply> CompareShadowAsync(DateOnly? periodStart) => comparer.CompareAsync(TenantId, periodStart);

    public Task<PromotionReply> PromoteAsync(PromotionRequest request) => promoter.PromoteContractAsync(TenantId, request);

    /// <summary>
    /// The rules every contract version put for this tenant meets, live or shadow (a shadow one is a candidate live
    /// version): the contract, or the refusal; the warnings either way.
    /// </summary>
    private async Task<(Contract? Contract, ContractPutReply? Refused, ContractProblem[] Warnings)> ValidateAsync(ContractSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (await tenants.GetAsync(TenantId) is null)
        {
            return (null, new ContractPutReply(null, true, [], []), []);
        }

        var parsed = ContractParser.Parse(source.Text, source.Format, catalog.Current.ByName.Keys);
        ContractProblem[] warnings = [.. parsed.Warnings.Select(ContractMapping.ToProblem)];
        if (!parsed.IsValid)
        {
            return (null, new ContractPutReply(null, false, [.. parsed.Errors.Select(ContractMapping.ToProblem)], warnings), warnings);
        }

        var contract = parsed.Contract;
        if (contract.Tenant is { } named && !string.Equals(named, TenantId, StringComparison.Ordinal))
        {
            return (null, new ContractPutReply(null, false,
                [new ContractProblem("tenant", null, null, $"the contract is for tenant '{named}' but is put for tenant '{TenantId}'",
                    $"put it with PUT /v1/tenants/{named}/contract, or change or remove tenant: in the contract")],
                warnings), warnings);
        }

        // Invoices are cut on one period grid in one currency; changing either would split or re-denominate periods
        // that already hold charges, so a new version keeps them (a new tenant starts a new grid).
        if (await store.GetLatestAsync(TenantId) is { } latest && book.Book(latest).Contract is var before
            && (before.Currency != contract.Currency || before.BillingPeriod != contract.BillingPeriod))
        {
            var field = before.Currency != contract.Currency ? "currency" : "billing_period";
            return (null, new ContractPutReply(null, false,
                [new ContractProblem(field, null, null,
                    $"version {latest.Version} bills in {before.Currency} every {Describe(before.BillingPeriod)}; a new version must keep the currency and billing period",
                    $"keep currency: {before.Currency} and billing_period: {{ every: {before.BillingPeriod.Every.ToString().ToLowerInvariant()}, anchor_day: {before.BillingPeriod.AnchorDay}, timezone: {before.BillingPeriod.TimeZone} }}, or bill the customer under a new tenant")],
                warnings), warnings);
        }

        return (contract, null, warnings);
    }

    private static string Describe(BillingPeriod p) => $"{p.Every.ToString().ToLowerInvariant()} from day {p.AnchorDay} in {p.TimeZone}";

    public async Task<ContractVersionInfo?> GetCurrentAsync() =>
        await store.GetLatestAsync(TenantId) is { } row ? ContractMapping.ToInfo(row) : null;

    public async Task<ContractVersionInfo[]> GetVersionsAsync() =>
        [.. (await store.ListAsync(TenantId)).Select(ContractMapping.ToInfo)];

    public async Task<ContractVersionInfo[]> ListVersionsAsync(int limit, int? after) =>
        [.. (await store.ListAsync(TenantId, limit, after)).Select(ContractMapping.ToInfo)];

    public async Task<ContractVersionInfo?> GetVersionAsync(int version) =>
        await store.GetAsync(TenantId, version) is { } row ? ContractMapping.ToInfo(row) : null;

    public async Task<ContractVersionInfo?> GetInForceAsync(DateTimeOffset at) =>
        await store.GetInForceAsync(TenantId, at) is { } row ? ContractMapping.ToInfo(row) : null;
}
