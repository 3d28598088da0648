using System.Globalization;
using Witn.Domain.Money;

namespace Witn.Domain.Tests.Money;

public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KWD", 3)]
    public void the_exponent_is_the_iso_4217_minor_unit(string code, int exponent)
    {
        Assert.Equal(exponent, Currencies.Exponent(code));
        Assert.True(Currencies.TryGetExponent(code, out var found));
        Assert.Equal(exponent, found);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData(null)]
    public void an_unknown_code_has_no_exponent(string? code)
    {
        Assert.False(Currencies.TryGetExponent(code, out _));
        Assert.False(Currencies.IsKnown(code));
    }

    [Fact]
    public void exponent_of_an_unknown_code_throws_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => Currencies.Exponent("ABC"));
        Assert.Contains("unknown currency 'ABC'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.125", "USD", "0.13")]
    [InlineData("-0.125", "USD", "-0.13")]
    [InlineData("0.124999", "USD", "0.12")]
    [InlineData("0.005", "EUR", "0.01")]
    [InlineData("2.00", "USD", "2.00")]
    [InlineData("12.5", "JPY", "13")]
    [InlineData("11.5", "JPY", "12")]
    [InlineData("-12.5", "JPY", "-13")]
    [InlineData("1.0005", "KWD", "1.001")]
    [InlineData("0.0004", "KWD", "0.000")]
    public void round_goes_half_away_from_zero_to_the_minor_unit(string amount, string currency, string expected)
    {
        Assert.Equal(Dec(expected), Currencies.Round(Dec(amount), currency));
    }

    [Theory]
    [InlineData("2.50", 1)]
    [InlineData("3.000", 0)]
    [InlineData("0.000001", 6)]
    [InlineData("-1.25", 2)]
    [InlineData("0", 0)]
    public void decimals_ignore_trailing_zeros(string amount, int decimals)
    {
        Assert.Equal(decimals, Currencies.Decimals(Dec(amount)));
    }

    private static decimal Dec(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
