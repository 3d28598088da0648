using System.Globalization;
using CsCheck;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Money;

namespace Witn.Domain.Tests.Contracts;

public sealed class ContractPropertyTests
{
    private static readonly string[] Codes = ["USD", "EUR", "JPY", "KWD"];

    // Unit prices with 0 to 6 decimals, the precision contracts allow.
    private static readonly Gen<decimal> GenUnitPrice = Gen.Select(Gen.Long[0, 10_000_000_000], Gen.Int[0, 6], (units, scale) => new decimal(units) / (decimal)Math.Pow(10, scale));

    private static readonly Gen<(string Currency, decimal Base, decimal[] Overrides)> GenContract =
        Gen.Select(Gen.OneOf(Codes), GenUnitPrice, GenUnitPrice.Array[0, 3]);

    [Fact]
    public void a_flat_charge_is_exact_in_minor_units_and_within_half_a_minor_unit_of_its_unit_price()
    {
        GenContract.Sample(t =>
        {
            var contract = Parse(t.Currency, t.Base, t.Overrides);

            var charges = Enumerable.Range(-1, t.Overrides.Length + 1)
                .Select(i => contract.PriceCharge("a", i < 0 ? [] : [new DimensionValue("tier", $"v{i}")], null))
                .ToList();

            var minorUnit = 1m / (decimal)Math.Pow(10, Currencies.Exponent(t.Currency));
            foreach (var (charge, expectedUnit) in charges.Zip([t.Base, .. t.Overrides]))
            {
                Assert.Equal(ChargePriceKind.Flat, charge.Kind);
                Assert.Equal(expectedUnit, charge.UnitPrice);
                Assert.True(Currencies.IsExact(charge.Amount!.Value, t.Currency));
                Assert.True(Math.Abs(charge.Amount.Value - expectedUnit) <= minorUnit / 2);
                // Half away from zero: an exact half rounds up for a non-negative price.
                Assert.True(charge.Amount.Value >= expectedUnit - (minorUnit / 2));
            }
        });
    }

    [Fact]
    public void a_generated_contract_survives_its_canonical_json()
    {
        GenContract.Sample(t =>
        {
            var contract = Parse(t.Currency, t.Base, t.Overrides);

            var again = ContractParser.Parse(contract.ToCanonicalJson(), DefinitionFormat.Json);

            Assert.True(again.IsValid, string.Join(Environment.NewLine, again.Errors));
            Assert.Equal(contract, again.Contract);
        });
    }

    private static Contract Parse(string currency, decimal unit, decimal[] overrides)
    {
        var by = overrides.Length == 0
            ? string.Empty
            : "\n    by:\n      tier:\n" + string.Concat(overrides.Select((o, i) => $"        v{i}: {Show(o)}\n"));
        return ExampleContracts.Parse($"currency: {currency}\nprices:\n  a:\n    unit_price: {Show(unit)}{by}\n");
    }

    private static string Show(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
