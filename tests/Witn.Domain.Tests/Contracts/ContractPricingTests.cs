using Witn.Domain.Contracts;
using Witn.Domain.Evaluation;

namespace Witn.Domain.Tests.Contracts;

public sealed class ContractPricingTests
{
    private static readonly Contract Acme = ExampleContracts.Load("acme");

    private static readonly Contract Globex = ExampleContracts.Load("globex");

    [Fact]
    public void a_flat_price_charges_its_unit_price()
    {
        Assert.Equal(ChargePrice.Flat(2.00m, 2.00m), Acme.PriceCharge("ticket_resolved", [], null));
        Assert.Equal(ChargePrice.Flat(1.75m, 1.75m), Globex.PriceCharge("ticket_resolved", [new DimensionValue("region", "eu")], null));
    }

    [Fact]
    public void a_dimension_value_with_an_override_charges_the_override()
    {
        var price = Acme.PriceCharge("meeting_booked", [new DimensionValue("region", "us"), new DimensionValue("lead.segment", "enterprise")], null);

        Assert.Equal(ChargePrice.Flat(120.00m, 120.00m, "lead.segment=enterprise"), price);
    }

    [Theory]
    [InlineData("smb")]
    [InlineData("Enterprise")]
    [InlineData(null)]
    public void a_dimension_value_without_an_override_falls_back_to_the_unit_price(string? segment)
    {
        var price = Acme.PriceCharge("meeting_booked", [new DimensionValue("lead.segment", segment)], null);

        Assert.Equal(ChargePrice.Flat(40.00m, 40.00m), price);
    }

    [Fact]
    public void an_override_on_another_dimension_path_does_not_apply()
    {
        Assert.Equal(ChargePrice.Flat(40.00m, 40.00m), Acme.PriceCharge("meeting_booked", [new DimensionValue("segment", "enterprise")], null));
    }

    [Theory]
    [InlineData("password_reset_completed")]
    [InlineData("code_change_merged")]
    public void tiered_prices_are_rated_on_the_invoice(string outcome)
    {
        var price = Acme.PriceCharge(outcome, [], null);

        Assert.Equal(ChargePriceKind.RatedOnInvoice, price.Kind);
        Assert.Null(price.UnitPrice);
        Assert.Null(price.Amount);
    }

    [Fact]
    public void percent_prices_are_rated_on_the_invoice_even_with_a_value()
    {
        Assert.Equal(ChargePrice.RatedOnInvoice, Globex.PriceCharge("deal_closed_large", [], 250_000m));
    }

    [Fact]
    public void an_outcome_without_a_price_is_unpriced()
    {
        Assert.Equal(ChargePrice.Unpriced, Acme.PriceCharge("deal_closed_large", [], null));
        Assert.Equal(ChargePrice.Unpriced, Globex.PriceCharge("meeting_booked", [new DimensionValue("lead.segment", "enterprise")], null));
    }

    [Theory]
    [InlineData("USD", "0.125", "0.13")]
    [InlineData("USD", "0.124999", "0.12")]
    [InlineData("USD", "0.0025", "0.00")]
    [InlineData("EUR", "1.005", "1.01")]
    [InlineData("JPY", "12.5", "13")]
    [InlineData("KWD", "0.0005", "0.001")]
    public void the_amount_is_the_unit_price_rounded_half_away_from_zero_to_the_minor_unit(string currency, string unit, string amount)
    {
        var c = ExampleContracts.Parse($"currency: {currency}\nprices:\n  a: {{ unit_price: {unit} }}\n");

        var price = c.PriceCharge("a", [], null);

        Assert.Equal(ChargePriceKind.Flat, price.Kind);
        Assert.Equal(decimal.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), price.UnitPrice);
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), price.Amount);
    }
}
