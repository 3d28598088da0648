using CsCheck;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Invoices;
using Witn.Domain.Money;

namespace Witn.Domain.Tests.Invoices;

public sealed class InvoiceRaterPropertyTests
{
    private static readonly string[] Codes = ["USD", "EUR", "JPY", "KWD"];

    private static readonly string[] Outcomes = ["a", "b", "c", "d"];

    // Unit prices with 0 to 6 decimals, the precision contracts allow.
    private static readonly Gen<decimal> GenUnitPrice = Gen.Select(Gen.Long[0, 100_000_000], Gen.Int[0, 6], (units, scale) => new decimal(units) / Pow10(scale));

    private static readonly Gen<decimal> GenPercent = Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 2], (units, scale) => Math.Min(100m, new decimal(units) / Pow10(scale)));

    // Strictly increasing whole up_to values and an open last tier.
    private static readonly Gen<ValueArray<PriceTier>> GenTiers =
        Gen.Select(Gen.Int[1, 50].Array[0, 4], GenUnitPrice.Array[5], (steps, prices) =>
        {
            var upTo = 0m;
            var tiers = steps.Select((s, i) => new PriceTier(upTo += s, prices[i])).ToList();
            tiers.Add(new PriceTier(null, prices[4]));
            return tiers.ToValueArray();
        });

    private static readonly Gen<TierMode> GenMode = Gen.Bool.Select(b => b ? TierMode.Graduated : TierMode.Volume);

    private static readonly Gen<decimal?> GenAmount = Gen.Select(Gen.Bool, Gen.Long[0, 2_000_000], (set, cents) => set ? new decimal(cents) / 100m : (decimal?)null);

    // Whole units for max_per_period, so it is exact in every currency (contracts refuse anything finer).
    private static readonly Gen<decimal?> GenMax = Gen.Select(Gen.Bool, Gen.Long[0, 20_000], (set, units) => set ? new decimal(units) : (decimal?)null);

    private static readonly Gen<OutcomePrice?> GenPrice = Gen.Int[0, 3].SelectMany(kind => Gen.Select(Gen.OneOf(Outcomes), GenUnitPrice, GenMode, GenTiers, GenPercent, GenMax,
        (outcome, unit, mode, tiers, percent, max) => kind switch
        {
            0 => (OutcomePrice?)new FlatPrice(outcome, unit, [], max),
            1 => new TieredPrice(outcome, mode, tiers, max),
            2 => new PercentPrice(outcome, "amount", percent, max),
            _ => null,
        }));

    private static readonly Gen<OutcomeUsage> GenUsage =
        Gen.Select(GenPrice, Gen.OneOf(Outcomes), Gen.Int[1, 3], Gen.OneOf("x=1", "x=2").Null(), GenUnitPrice, Gen.Long[0, 3000], Gen.Long[0, 100_000_000])
            .Select(t => new OutcomeUsage(
                t.Item1?.Outcome ?? t.Item2,
                t.Item3,
                t.Item1,
                t.Item1 is FlatPrice ? t.Item4 : null,
                t.Item1 is FlatPrice ? t.Item5 : null,
                t.Item6,
                new decimal(t.Item7) / 1000m));

    private static readonly Gen<Meter> GenMeter =
        Gen.Select(Gen.OneOf("m1", "m2", "m3"), Gen.Bool, GenUnitPrice, GenMode, GenTiers,
            (name, flat, unit, mode, tiers) => new Meter(name, "e", MeterAggregate.Count, null, flat ? unit : null, mode, flat ? [] : tiers));

    private static readonly Gen<Contract> GenContract =
        Gen.Select(Gen.OneOf(Codes), GenAmount, GenAmount, GenAmount, GenPrice.Array[0, 4])
            .Select(t => new Contract(
                null,
                t.Item1,
                BillingPeriod.Default,
                Exact(t.Item2, t.Item1),
                t.Item5.OfType<OutcomePrice>().DistinctBy(p => p.Outcome).OrderBy(p => p.Outcome, StringComparer.Ordinal).ToValueArray(),
                t.Item3 is { } cap ? new ContractCap(Exact(cap, t.Item1)) : null,
                Exact(t.Item4, t.Item1),
                null,
                []));

    private static readonly Gen<(Contract Contract, OutcomeUsage[] Outcomes, MeterUsage[] Meters, CreditUsage[] Credits)> GenInvoice =
        Gen.Select(
            GenContract,
            GenUsage.Array[0, 6],
            Gen.Select(GenMeter, Gen.Long[0, 1_000_000], Gen.Int[0, 3], (m, q, scale) => new MeterUsage(m, new decimal(q) / Pow10(scale))).Array[0, 3],
            Gen.Select(Gen.OneOf(Outcomes), Gen.Long[1, 10], GenUnitPrice, (o, n, a) => new CreditUsage(o, n, a)).Array[0, 3]);

    [Fact]
    public void the_total_is_the_sum_of_the_lines_and_of_subtotal_and_adjustments()
    {
        GenInvoice.Sample(t =>
        {
            var invoice = InvoiceRater.Rate(t.Contract, t.Outcomes, t.Meters, t.Credits);

            Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Total);
            Assert.Equal(invoice.Total, invoice.Subtotal + invoice.Adjustments);
            Assert.Equal(t.Contract.Currency, invoice.Currency);
        });
    }

    [Fact]
    public void every_line_amount_is_exact_in_the_currencys_minor_unit()
    {
        GenInvoice.Sample(t =>
        {
            var invoice = InvoiceRater.Rate(t.Contract, t.Outcomes, t.Meters, t.Credits);

            Assert.All(invoice.Lines, l => Assert.True(Currencies.IsExact(l.Amount, invoice.Currency), $"{l.Amount} in {invoice.Currency}: {l}"));
        });
    }

    [Fact]
    public void caps_hold_and_the_minimum_commitment_is_reached_before_credits()
    {
        GenInvoice.Sample(t =>
        {
            var invoice = InvoiceRater.Rate(t.Contract, t.Outcomes, t.Meters, t.Credits);

            var outcomes = invoice.Lines.Where(l => l.Kind is InvoiceLineKind.Outcome or InvoiceLineKind.OutcomeCap or InvoiceLineKind.Cap).Sum(l => l.Amount);
            if (t.Contract.Cap is { } cap)
            {
                Assert.True(outcomes <= cap.MaxPerPeriod);
            }

            var beforeCredits = invoice.Lines.Where(l => l.Kind != InvoiceLineKind.Credit).Sum(l => l.Amount);
            Assert.True(beforeCredits >= (t.Contract.MinimumCommit ?? 0));
            Assert.All(invoice.Lines.Where(l => l.Kind is InvoiceLineKind.OutcomeCap or InvoiceLineKind.Cap or InvoiceLineKind.Credit), l => Assert.True(l.Amount <= 0));
        });
    }

    [Fact]
    public void tier_totals_agree_with_pricing_unit_by_unit()
    {
        Gen.Select(GenMode, GenTiers, Gen.Long[0, 400], Gen.OneOf(Codes)).Sample((mode, tiers, quantity, currency) =>
        {
            Assert.Equal(ReferenceTotal(mode, tiers, quantity, currency), TierRating.Total(mode, tiers, quantity, currency));
        });
    }

    [Fact]
    public void tiered_outcome_lines_are_the_tier_slices_and_cover_every_unit_once()
    {
        Gen.Select(GenMode, GenTiers, Gen.Long[1, 400]).Sample((mode, tiers, quantity) =>
        {
            var contract = new Contract(null, "USD", BillingPeriod.Default, null, [new TieredPrice("a", mode, tiers, null)], null, null, null, []);

            var lines = InvoiceRater.Rate(contract, [new OutcomeUsage("a", 1, contract.Prices[0], null, null, quantity, 0)], [], []).Lines;

            Assert.Equal(ReferenceTotal(mode, tiers, quantity, "USD"), lines.Sum(l => l.Amount));
            Assert.Equal(1, lines[0].FirstUnit);
            Assert.Equal(quantity, lines[^1].LastUnit);
            Assert.All(lines.Zip(lines.Skip(1)), p => Assert.Equal(p.First.LastUnit + 1, p.Second.FirstUnit));
            Assert.All(lines, l => Assert.Equal(l.Quantity, l.LastUnit!.Value - l.FirstUnit!.Value + 1));
        });
    }

    [Fact]
    public void the_graduated_total_never_falls_as_the_quantity_grows()
    {
        Gen.Select(GenTiers, Gen.Long[0, 400], Gen.Long[0, 400], Gen.OneOf(Codes)).Sample((tiers, q, more, currency) =>
        {
            Assert.True(TierRating.Total(TierMode.Graduated, tiers, q, currency) <= TierRating.Total(TierMode.Graduated, tiers, q + more, currency));
        });
    }

    // Walks the units one by one: unit n belongs to the first tier whose up_to reaches n. Graduated sums each tier's
    // units and rounds per tier (one line per tier); volume prices all units at the last unit's tier.
    private static decimal ReferenceTotal(TierMode mode, IReadOnlyList<PriceTier> tiers, long quantity, string currency)
    {
        var perTier = new decimal[tiers.Count];
        var tier = 0;
        for (var unit = 1L; unit <= quantity; unit++)
        {
            while (tiers[tier].UpTo is { } upTo && unit > upTo)
            {
                tier++;
            }

            perTier[tier] += tiers[tier].UnitPrice;
        }

        return quantity == 0 ? 0m
            : mode == TierMode.Volume ? Currencies.Round(quantity * tiers[tier].UnitPrice, currency)
            : perTier.Sum(amount => Currencies.Round(amount, currency));
    }

    private static decimal? Exact(decimal? amount, string currency) => amount is { } a ? Currencies.Round(a, currency) : null;

    private static decimal Exact(decimal amount, string currency) => Currencies.Round(amount, currency);

    private static decimal Pow10(int scale) => (decimal)Math.Pow(10, scale);
}
