using Witn.Abstractions.Invoices;
using Witn.Abstractions.Shadow;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Invoices;
using Witn.Grains.Contracts;
using Witn.Grains.Outcomes;
using Witn.Storage.Contracts;
using Witn.Storage.Outcomes;
using Witn.Storage.Shadow;
using Witn.Storage.Tenants;

namespace Witn.Grains.Shadow;

/// <summary>
/// Promotions from shadow to live at a period boundary (docs/simulation.md, "Shadow billing and promotion"). Each is
/// one database transaction; before it, the boundary is checked against the billing periods of every tenant it
/// changes, nothing already settled may fall behind it, and the current period's deviation is measured by the
/// <see cref="ShadowComparer"/> against the caller's threshold (<see cref="PriceDeviation"/>).
/// </summary>
public sealed class ShadowPromoter(
    ContractStore contracts, ContractBook book, ShadowStore store, ShadowComparer comparer, DefinitionStore definitions, IDefinitionCatalog catalog,
    TenantStore tenants, TimeProvider time)
{
    /// <summary>The tenant's current shadow contract version becomes its next live version, in force from <c>at</c>.</summary>
    public async Task<PromotionReply> PromoteContractAsync(string tenantId, PromotionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await tenants.GetAsync(tenantId) is not { } tenant)
        {
            return PromotionReply.Refused(PromotionResult.UnknownTenant, $"tenant '{tenantId}' does not exist", "create it with PUT /v1/tenants/{id}");
        }

        if (await contracts.GetShadowAsync(tenantId) is not { } shadow)
        {
            return PromotionReply.Refused(PromotionResult.NothingInShadow, $"tenant '{tenantId}' has no shadow contract version to promote",
                $"put one with PUT /v1/tenants/{tenantId}/contract?mode=shadow");
        }

        if (await book.FindBillingAsync(tenantId) is not { } billing)
        {
            return PromotionReply.Refused(PromotionResult.NoContract, $"tenant '{tenantId}' has no live contract to compare the shadow version with",
                $"put its first contract with PUT /v1/tenants/{tenantId}/contract");
        }

        var at = request.At.ToUniversalTime();
        if (Boundary(tenantId, billing, tenant.Now(time), at) is { } refused)
        {
            return refused;
        }

        // Charged already, they keep the version they were priced with: a boundary behind them would not hold.
        if (await store.CountChargesStartedFromAsync(tenantId, at) is var started and > 0)
        {
            return PromotionReply.Refused(PromotionResult.AlreadyStarted,
                $"at: {started} charge(s) of tenant '{tenantId}' are for outcomes that started at or after {Instants.Iso(at)} and were priced by the current version",
                $"promote at the next period start, {Instants.Iso(BillingPeriods.Next(billing, BillingPeriods.Containing(billing, at)).Start)}");
        }

        var measured = await MeasureAsync(tenantId, true, null);
        var exceeds = request.MaxDeltaPercent is { } max && measured is not null && PriceDeviation.Exceeds(measured.Live, measured.Shadow, max);
        if (exceeds && !request.Force)
        {
            return Deviates(measured!, request.MaxDeltaPercent!.Value, $"tenant '{tenantId}''s shadow contract version {shadow.Version}");
        }

        var contract = ContractParser.ParseStored(shadow.CanonicalJson) is { IsValid: true } parsed
            ? parsed.Contract with { EffectiveFrom = at }
            : throw new InvalidDataException($"shadow contract version {shadow.Version} of tenant '{tenantId}' does not parse");
        var live = await contracts.PromoteAsync(shadow.Version,
            new NewContractVersion(tenantId, at, shadow.Format, shadow.Source, contract.ToCanonicalJson(), shadow.Currency), measured?.Percent, exceeds);
        if (live is null)
        {
            return PromotionReply.Refused(PromotionResult.Changed, $"tenant '{tenantId}''s shadow contract version {shadow.Version} changed while it was promoted",
                $"read GET /v1/tenants/{tenantId}/contract?mode=shadow and promote again");
        }

        book.Book(live);
        return new PromotionReply(PromotionResult.Promoted, ContractMapping.ToInfo(live), null, measured, null, null);
    }

    /// <summary>The shadow definition becomes active from <c>at</c>: outcomes that start at or after it are billed.</summary>
    public async Task<PromotionReply> PromoteDefinitionAsync(string name, PromotionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await definitions.FindAsync(name) is not { } stored)
        {
            return PromotionReply.Refused(PromotionResult.UnknownDefinition, $"no outcome definition is named '{name}'", "GET /v1/outcomes lists them");
        }

        if (stored.Definition.Status != DefinitionStatus.Shadow)
        {
            return PromotionReply.Refused(PromotionResult.NothingInShadow,
                $"definition '{name}' is {DefinitionStatuses.ToName(stored.Definition.Status)}, not shadow: only a shadow definition is promoted",
                $"set it to shadow first (POST /v1/outcomes/{name}/status), or set its status directly");
        }

        // The tenants whose money the promotion changes: those whose contract prices the definition. The boundary
        // must start a period of each of them, so no invoice is split by it.
        var at = request.At.ToUniversalTime();
        var priced = (await contracts.ListLatestAsync()).Where(row => book.Book(row).Contract.PriceFor(name) is not null).ToList();
        foreach (var row in priced)
        {
            var tenant = await tenants.GetAsync(row.TenantId);
            if (Boundary(row.TenantId, book.Book(row).Contract.BillingPeriod, tenant?.Now(time) ?? time.GetUtcNow(), at) is { } refused)
            {
                return refused;
            }
        }

        if (priced.Count == 0 && Boundary(null, BillingPeriod.Default, time.GetUtcNow(), at) is { } unpriced)
        {
            return unpriced;
        }

        if (await store.CountSettledStartedFromAsync(name, at) is var started and > 0)
        {
            var billing = priced.Count == 0 ? BillingPeriod.Default : book.Book(priced[0]).Contract.BillingPeriod;
            return PromotionReply.Refused(PromotionResult.AlreadyStarted,
                $"at: {started} outcome(s) of '{name}' started at or after {Instants.Iso(at)} and already settled unbilled, as shadow",
                $"promote at the next period start, {Instants.Iso(BillingPeriods.Next(billing, BillingPeriods.Containing(billing, at)).Start)}");
        }

        // The deviation that counts is the largest of any tenant's (per tenant, in its own currency).
        PromotionDeviation? worst = null;
        foreach (var row in priced)
        {
            if (await MeasureAsync(row.TenantId, false, [name]) is { } measured
                && (worst is null || Magnitude(measured) > Magnitude(worst)))
            {
                worst = measured;
            }
        }

        var exceeds = request.MaxDeltaPercent is { } max && worst is not null && PriceDeviation.Exceeds(worst.Live, worst.Shadow, max);
        if (exceeds && !request.Force)
        {
            return Deviates(worst!, request.MaxDeltaPercent!.Value, $"definition '{name}'");
        }

        var promoted = await definitions.PromoteAsync(name, at);
        if (promoted is null || promoted.Definition.Status != DefinitionStatus.Active || promoted.Definition.ActiveFrom != at)
        {
            return PromotionReply.Refused(PromotionResult.Changed, $"definition '{name}' changed while it was promoted", $"read GET /v1/outcomes/{name} and promote again");
        }

        catalog.Apply(promoted);
        return new PromotionReply(PromotionResult.Promoted, null, DefinitionMapping.ToInfo(promoted), worst, null, null);
    }

    // A period start of the tenant's billing, and not before its current period: promotion changes no past period.
    private static PromotionReply? Boundary(string? tenantId, BillingPeriod billing, DateTimeOffset now, DateTimeOffset at)
    {
        var whose = tenantId is null ? "the default billing period (calendar months in UTC)" : $"tenant '{tenantId}'";
        var current = BillingPeriods.Containing(billing, now);
        if (!Instants.InRange(at) || BillingPeriods.Containing(billing, at).Start != at)
        {
            var next = Instants.InRange(at) ? BillingPeriods.Next(billing, BillingPeriods.Containing(billing, at)).Start : BillingPeriods.Next(billing, current).Start;
            return PromotionReply.Refused(PromotionResult.NotABoundary,
                $"at: {Instants.Iso(at)} is not the start of a billing period of {whose} (every {billing.Every.ToString().ToLowerInvariant()} from day {billing.AnchorDay}, {billing.TimeZone})",
                $"use a period start, e.g. {Instants.Iso(next)}");
        }

        return at < current.Start
            ? PromotionReply.Refused(PromotionResult.NotABoundary,
                $"at: {Instants.Iso(at)} is before the current billing period of {whose}, which starts at {Instants.Iso(current.Start)}; a promotion never changes a past period",
                $"use {Instants.Iso(current.Start)} or a later period start, e.g. {Instants.Iso(BillingPeriods.Next(billing, current).Start)}")
            : null;
    }

    private async Task<PromotionDeviation?> MeasureAsync(string tenantId, bool withShadowContract, IReadOnlyCollection<string>? names)
    {
        var reply = await comparer.CompareAsync(tenantId, null, withShadowContract, names ?? []);
        return reply is { Result: InvoiceResult.Ok, Comparison: { } c }
            ? new PromotionDeviation(tenantId, c.PeriodStart, c.Currency, c.LiveTotal, c.ShadowTotal, PriceDeviation.Percent(c.LiveTotal, c.ShadowTotal))
            : null;
    }

    private static decimal Magnitude(PromotionDeviation d) => d.Percent is { } p ? Math.Abs(p) : d.Live == d.Shadow ? 0m : decimal.MaxValue;

    private static PromotionReply Deviates(PromotionDeviation measured, decimal max, string what) =>
        PromotionReply.Refused(PromotionResult.Deviates,
            $"{what} moves the current period of tenant '{measured.TenantId}' (from {measured.PeriodStart:yyyy-MM-dd}) from {Witn.Domain.Money.MoneyFormat.Text(measured.Live, measured.Currency)} to {Witn.Domain.Money.MoneyFormat.Text(measured.Shadow, measured.Currency)} {measured.Currency}, "
            + (measured.Percent is { } p ? $"{p.ToString(System.Globalization.CultureInfo.InvariantCulture)} %" : "from nothing (no finite percentage)")
            + $", beyond max_delta_percent {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "promote with a larger max_delta_percent, or with force: true to promote anyway", measured);
}
