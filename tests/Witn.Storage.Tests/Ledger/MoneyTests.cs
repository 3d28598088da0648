using Witn.Storage.Ledger;

namespace Witn.Storage.Tests.Ledger;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1.50", "USD", 150)]
    [InlineData("0.01", "EUR", 1)]
    [InlineData("1234.5", "GBP", 123450)]
    [InlineData("150", "JPY", 150)]
    [InlineData("1500", "KRW", 1500)]
    [InlineData("1.505", "KWD", 1505)]
    [InlineData("0.001", "BHD", 1)]
    [InlineData("-2.25", "USD", -225)]
    [InlineData("0", "USD", 0)]
    public void amounts_convert_to_minor_units_by_the_iso_4217_exponent(string amount, string currency, long minor)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(minor, Money.ToMinorUnits(value, currency));
        Assert.Equal(value, Money.FromMinorUnits(minor, currency));
    }

    [Theory]
    [InlineData("1.505", "USD")]
    [InlineData("0.5", "JPY")]
    [InlineData("1.0001", "KWD")]
    public void an_amount_not_exact_in_minor_units_is_refused_rather_than_rounded(string amount, string currency)
    {
        var ex = Assert.Throws<ArgumentException>(() => Money.ToMinorUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));
        Assert.Contains("not exact in minor units", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XXX")]
    [InlineData("usd")]
    [InlineData("")]
    public void an_unknown_currency_is_refused(string currency)
    {
        var ex = Assert.Throws<ArgumentException>(() => Money.ToMinorUnits(1m, currency));
        Assert.Contains("unknown currency", ex.Message, StringComparison.Ordinal);
    }
}
