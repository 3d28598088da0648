using System.Globalization;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Money;

namespace Witn.Domain.Invoices;

/// <summary>
/// Rates one billing period of a contract into invoice lines (the rules and worked examples are in
/// docs/pricing.md, "Rating an invoice"). Pure: the caller aggregates charges, meter events and credits. Every line
/// amount is rounded half away from zero to the currency's minor unit, and every sum is a sum of rounded lines.
/// </summary>
public static class InvoiceRater
{
    public static RatedInvoice Rate(Contract contract, IReadOnlyList<OutcomeUsage> outcomes, IReadOnlyList<MeterUsage> meters, IReadOnlyList<CreditUsage> credits)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(credits);
        var currency = contract.Currency;
        var lines = new List<InvoiceLine>();

        if (contract.BaseFee is { } baseFee)
        {
            lines.Add(new InvoiceLine(InvoiceLineKind.BaseFee, "base fee", null, null, null, null, null, 1, baseFee, Currencies.Round(baseFee, currency), null, null));
        }

        var outcomeTotal = 0m;
        foreach (var group in OrderedByOutcome(contract, outcomes))
        {
            var groupLines = group.SelectMany(u => OutcomeLines(u, currency)).ToList();
            lines.AddRange(groupLines);
            var total = groupLines.Sum(l => l.Amount);
            if (OutcomeCap(group) is { } cap && total > cap)
            {
                var line = Adjustment(InvoiceLineKind.OutcomeCap, $"{group.Key}: max_per_period {Show(cap)}", group.Key, Currencies.Round(cap - total, currency));
                lines.Add(line);
                total += line.Amount;
            }

            outcomeTotal += total;
        }

        foreach (var usage in meters.OrderBy(m => m.Meter.Name, StringComparer.Ordinal))
        {
            lines.AddRange(MeterLines(usage, currency));
        }

        // The contract cap limits usage charges: outcome lines after their own caps, not the base fee or meters.
        if (contract.Cap is { } contractCap && outcomeTotal > contractCap.MaxPerPeriod)
        {
            lines.Add(Adjustment(InvoiceLineKind.Cap, $"cap: max_per_period {Show(contractCap.MaxPerPeriod)}", null, Currencies.Round(contractCap.MaxPerPeriod - outcomeTotal, currency)));
        }

        // Everything so far is what the period is billed before credits; credits do not count against the commitment.
        var billed = lines.Sum(l => l.Amount);
        if (contract.MinimumCommit is { } minimum && Currencies.Round(minimum - billed, currency) is var trueUp && trueUp > 0)
        {
            lines.Add(Adjustment(InvoiceLineKind.MinimumCommit, "minimum commitment true-up", null, trueUp));
        }

        foreach (var credit in credits.OrderBy(c => c.Outcome, StringComparer.Ordinal))
        {
            lines.Add(new InvoiceLine(InvoiceLineKind.Credit, $"credit: {credit.Outcome}", credit.Outcome, null, null, null, null,
                credit.Count, null, -Currencies.Round(credit.Amount, currency), null, null));
        }

        var subtotal = lines.Where(l => IsSubtotal(l.Kind)).Sum(l => l.Amount);
        var adjustments = lines.Where(l => !IsSubtotal(l.Kind)).Sum(l => l.Amount);
        return new RatedInvoice(currency, [.. lines], subtotal, adjustments, subtotal + adjustments);
    }

    private static bool IsSubtotal(InvoiceLineKind kind) =>
        kind is InvoiceLineKind.BaseFee or InvoiceLineKind.Outcome or InvoiceLineKind.Unpriced or InvoiceLineKind.Meter;

    // Priced outcomes (any usage with a price) in the order of the contract's prices, then those only an older
    // version prices (by name); then outcomes with unpriced charges only (by name). Within an outcome: contract
    // version, the default bucket, then named buckets in ordinal order.
    private static IEnumerable<IGrouping<string, OutcomeUsage>> OrderedByOutcome(Contract contract, IReadOnlyList<OutcomeUsage> outcomes)
    {
        var position = contract.Prices.Select((p, i) => (p.Outcome, i)).ToDictionary(x => x.Outcome, x => x.i, StringComparer.Ordinal);
        return outcomes
            .OrderBy(u => u.ContractVersion ?? 0)
            .ThenBy(u => u.Bucket is not null)
            .ThenBy(u => u.Bucket, StringComparer.Ordinal)
            .GroupBy(u => u.Outcome, StringComparer.Ordinal)
            .OrderBy(g => !g.Any(u => u.Price is not null) ? 2 : position.ContainsKey(g.Key) ? 0 : 1)
            .ThenBy(g => position.GetValueOrDefault(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal);
    }

    // The cap of the latest contract version the period's charges were priced under.
    private static decimal? OutcomeCap(IEnumerable<OutcomeUsage> usages) =>
        usages.Where(u => u.Price is not null).OrderBy(u => u.ContractVersion ?? 0).LastOrDefault()?.Price!.MaxPerPeriod;

    private static IEnumerable<InvoiceLine> OutcomeLines(OutcomeUsage usage, string currency)
    {
        if (usage.Quantity == 0)
        {
            yield break;
        }

        var outcome = usage.Outcome;
        var version = usage.ContractVersion;
        switch (usage.Price)
        {
            case null:
                yield return new InvoiceLine(InvoiceLineKind.Unpriced, $"{outcome} (unpriced)", outcome, null, null, null, version, usage.Quantity, null, 0m, null, null);
                break;
            case FlatPrice:
                var unit = usage.UnitPrice ?? throw new ArgumentException($"the flat-priced usage of '{outcome}' has no unit price", nameof(usage));
                var description = usage.Bucket is null ? outcome : $"{outcome} ({usage.Bucket})";
                yield return new InvoiceLine(InvoiceLineKind.Outcome, description, outcome, null, usage.Bucket, null, version,
                    usage.Quantity, unit, Currencies.Round(usage.Quantity * unit, currency), null, null);
                break;
            case TieredPrice tiered:
                foreach (var slice in TierRating.Slices(tiered.Mode, tiered.Tiers, usage.Quantity, currency))
                {
                    yield return new InvoiceLine(InvoiceLineKind.Outcome, TierDescription(outcome, tiered.Mode, slice), outcome, null, null, slice.Tier, version,
                        slice.Quantity, slice.UnitPrice, slice.Amount, (long)slice.Before + 1, (long)(slice.Before + slice.Quantity));
                }

                break;
            case PercentPrice percent:
                yield return new InvoiceLine(InvoiceLineKind.Outcome, $"{outcome} ({Show(percent.Percent)} % of {percent.PercentOf})", outcome, null, null, null, version,
                    usage.Quantity, null, percent.AmountOf(usage.ValueSum, currency), null, null);
                break;
            default:
                throw new ArgumentException($"unknown price type {usage.Price.GetType().Name}", nameof(usage));
        }
    }

    private static IEnumerable<InvoiceLine> MeterLines(MeterUsage usage, string currency)
    {
        var meter = usage.Meter;
        if (usage.Quantity == 0)
        {
            return [];
        }

        if (meter.UnitPrice is { } unit)
        {
            return [new InvoiceLine(InvoiceLineKind.Meter, meter.Name, null, meter.Name, null, null, null, usage.Quantity, unit, Currencies.Round(usage.Quantity * unit, currency), null, null)];
        }

        return TierRating.Slices(meter.Mode, meter.Tiers, usage.Quantity, currency)
            .Select(s => new InvoiceLine(InvoiceLineKind.Meter, TierDescription(meter.Name, meter.Mode, s), null, meter.Name, null, s.Tier, null, s.Quantity, s.UnitPrice, s.Amount, null, null));
    }

    private static string TierDescription(string name, TierMode mode, TierSlice slice) =>
        mode == TierMode.Volume ? $"{name} (volume tier {slice.Tier})" : $"{name} (tier {slice.Tier})";

    private static InvoiceLine Adjustment(InvoiceLineKind kind, string description, string? outcome, decimal amount) =>
        new(kind, description, outcome, null, null, null, null, 1, null, amount, null, null);

    private static string Show(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);
}
