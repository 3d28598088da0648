using System.Text.Json;
using Witn.Abstractions.Invoices;
using Witn.Abstractions.Shadow;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Invoices;
using Witn.Grains.Contracts;
using Witn.Grains.Invoices;
using Witn.Grains.Outcomes;
using Witn.Storage.Contracts;
using Witn.Storage.Shadow;
using Witn.Storage.Tenants;

namespace Witn.Grains.Shadow;

/// <summary>
/// Live against shadow for one period, computed on request from the ledger and the outcome table (so it is as
/// current as the last settlement). The live side is the draft invoice's own rating (<see cref="Invoicer"/>); the
/// shadow side re-prices the same charges with the shadow contract's <see cref="Contract.PriceCharge"/> and rates
/// them with the same <see cref="InvoiceRater"/>, plus the settled outcomes of shadow definitions, each folded from
/// its stored events by the domain's <see cref="OutcomeFold"/> and priced by the shadow contract if there is one,
/// else by the live version in force at its first event. Credits count on both sides as the ledger holds them.
/// </summary>
public sealed class ShadowComparer(
    Invoicer invoicer, ContractStore contracts, ContractBook book, ShadowStore store, IDefinitionCatalog catalog, DefinitionVersions versions,
    TenantStore tenants, TimeProvider time)
{
    /// <param name="withShadowContract">False: price the charges live (only shadow definitions differ).</param>
    /// <param name="definitions">The shadow definitions to include; null: every definition now in shadow.</param>
    public async Task<ShadowComparisonReply> CompareAsync(
        string tenantId, DateOnly? periodStart, bool withShadowContract = true, IReadOnlyCollection<string>? definitions = null)
    {
        var (problem, rating) = await invoicer.RatePeriodAsync(tenantId, periodStart);
        if (problem is not null)
        {
            return new ShadowComparisonReply(problem.Result, null, problem.Message, problem.Hint);
        }

        var (range, live) = (rating!.Range, rating.Rated);
        var shadowRow = withShadowContract ? await contracts.GetShadowAsync(tenantId) : null;
        var shadow = shadowRow is null ? null : ContractParser.ParseStored(shadowRow.CanonicalJson) is { IsValid: true } parsed
            ? parsed.Contract
            : throw new InvalidDataException($"shadow contract version {shadowRow.Version} of tenant '{tenantId}' does not parse");
        var currency = rating.Header.Currency;
        var flips = new List<ShadowFlip>();

        // The period's charges: under a shadow contract, each re-priced by it; otherwise as the invoice has them.
        var usage = new List<OutcomeUsage>();
        if (shadow is null)
        {
            usage.AddRange(rating.Outcomes);
        }
        else
        {
            var priced = new List<(string Outcome, ChargePrice Price, decimal? Value)>();
            foreach (var charge in await store.ListPeriodChargesAsync(tenantId, range.Start))
            {
                var price = shadow.PriceCharge(charge.Outcome, Dimensions(charge.DimensionsJson), charge.Value);
                priced.Add((charge.Outcome, price, charge.Value));
                var before = new ShadowPricing(
                    charge.Currency is not null,
                    charge.AmountMinor is { } minor && charge.Currency is { } c ? Storage.Ledger.Money.FromMinorUnits(minor, c) : null,
                    charge.ContractVersion);
                var after = new ShadowPricing(price.Kind != ChargePriceKind.Unpriced, price.Amount, shadowRow!.Version);
                if (before.Billed != after.Billed || before.Amount != after.Amount)
                {
                    flips.Add(new ShadowFlip(charge.Id, charge.Outcome, charge.Correlation, before, after));
                }
            }

            usage.AddRange(Usage(shadow, null, priced));
        }

        // Outcomes of shadow definitions that settled in the period: billed on the shadow side only.
        var names = definitions ?? [.. catalog.Current.ByName.Values.Where(e => e.Status == DefinitionStatus.Shadow).Select(e => e.Name)];
        var now = (await tenants.GetAsync(tenantId))?.Now(time) ?? time.GetUtcNow();
        var extra = new List<(Contract Contract, int? Version, string Outcome, ChargePrice Price, decimal? Value)>();
        foreach (var outcome in await store.ListSettledAsync(tenantId, names, range.Start, range.End))
        {
            var state = JsonSerializer.Deserialize<OutcomeGrainState>(outcome.StateJson, OutcomeStateJson.Options)
                ?? throw new InvalidDataException($"outcome {outcome.Definition}/{outcome.Correlation} of tenant '{tenantId}' has empty stored state");
            var fold = OutcomeFold.Restore(await versions.CompiledAsync(outcome.Definition, outcome.DefinitionVersion), state.Events, state.Reviews);
            var evaluated = fold.Evaluate(now);
            var (contract, version) = shadow is not null
                ? (shadow, shadowRow!.Version)
                : await book.GetInForceAsync(tenantId, evaluated.FirstEventAt!.Value) is { } inForce ? (inForce.Contract, (int?)inForce.Version) : (null, null);
            var price = contract?.PriceCharge(outcome.Definition, evaluated.Dimensions, evaluated.Value) ?? ChargePrice.Unpriced;
            extra.Add((contract ?? rating.Header, contract is null ? null : version, outcome.Definition, price, evaluated.Value));
            if (price.Kind != ChargePriceKind.Unpriced)
            {
                flips.Add(new ShadowFlip(null, outcome.Definition, outcome.Correlation, new ShadowPricing(false, null, null), new ShadowPricing(true, price.Amount, version)));
            }
        }

        // One contract per version number (shadow versions and live ones never mix in one comparison); none: unpriced.
        foreach (var group in extra.GroupBy(e => e.Version))
        {
            usage.AddRange(Usage(group.First().Contract, group.Key, [.. group.Select(e => (e.Outcome, e.Price, e.Value))], priced: group.Key is not null));
        }

        var terms = shadow ?? rating.Header;
        var meters = shadow is null ? rating.Meters : await invoicer.MeterUsageAsync(tenantId, shadow, range);
        var rated = InvoiceRater.Rate(terms, usage, meters, rating.Credits);

        var lines = live.Lines.Concat(rated.Lines).Where(l => l.Outcome is not null && l.Kind != InvoiceLineKind.Credit).Select(l => l.Outcome!)
            .Distinct(StringComparer.Ordinal)
            .Select(name => new ShadowOutcomeLine(
                name,
                names.Contains(name),
                Count(live, name), Amount(live, name),
                Count(rated, name), Amount(rated, name)))
            .ToArray();
        return new ShadowComparisonReply(InvoiceResult.Ok, new ShadowComparison(
            tenantId, rating.LocalStart, range.Start, range.End, currency, rating.HeaderVersion, shadowRow?.Version,
            lines, live.Total, rated.Total, [.. flips.Take(ShadowComparison.MaxFlips)], flips.Count, time.GetUtcNow()), null, null);
    }

    /// <summary>Charges priced by one contract, as the rater takes them: one usage per outcome and flat price (unit price and bucket).</summary>
    private static IEnumerable<OutcomeUsage> Usage(Contract contract, int? version, IReadOnlyList<(string Outcome, ChargePrice Price, decimal? Value)> charges, bool priced = true) =>
        charges
            .GroupBy(c => (c.Outcome, c.Price.Kind == ChargePriceKind.Flat ? c.Price.UnitPrice : null, c.Price.Kind == ChargePriceKind.Flat ? c.Price.Bucket : null))
            .Select(g => new OutcomeUsage(
                g.Key.Outcome, version, priced ? contract.PriceFor(g.Key.Outcome) : null, g.Key.Item3, g.Key.Item2, g.LongCount(), g.Sum(c => c.Value ?? 0m)));

    private static IReadOnlyList<DimensionValue> Dimensions(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(json) is { } map ? [.. map.Select(kv => new DimensionValue(kv.Key, kv.Value))] : [];

    private static bool IsChargeLine(InvoiceLine l) => l.Kind is InvoiceLineKind.Outcome or InvoiceLineKind.Unpriced;

    private static long Count(RatedInvoice invoice, string outcome) =>
        (long)invoice.Lines.Where(l => IsChargeLine(l) && l.Outcome == outcome).Sum(l => l.Quantity);

    private static decimal Amount(RatedInvoice invoice, string outcome) =>
        invoice.Lines.Where(l => (IsChargeLine(l) || l.Kind == InvoiceLineKind.OutcomeCap) && l.Outcome == outcome).Sum(l => l.Amount);
}
