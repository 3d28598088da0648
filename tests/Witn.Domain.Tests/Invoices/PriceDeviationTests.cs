using Witn.Domain.Invoices;

namespace Witn.Domain.Tests.Invoices;

public sealed class PriceDeviationTests
{
    [Theory]
    [InlineData("100", "150", "50")]
    [InlineData("6", "19", "216.67")]
    [InlineData("100", "90", "-10")]
    [InlineData("0", "0", "0")]
    [InlineData("3", "2", "-33.33")]
    public void the_percent_is_shadow_minus_live_over_live_rounded_to_two_decimals(string live, string shadow, string percent)
    {
        Assert.Equal(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture),
            PriceDeviation.Percent(decimal.Parse(live, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(shadow, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void a_change_from_nothing_has_no_percent_and_exceeds_every_threshold()
    {
        Assert.Null(PriceDeviation.Percent(0m, 5m));
        Assert.True(PriceDeviation.Exceeds(0m, 5m, 1_000_000m));
        Assert.False(PriceDeviation.Exceeds(0m, 0m, 0m));
    }

    [Fact]
    public void the_threshold_holds_either_way_and_is_inclusive()
    {
        Assert.False(PriceDeviation.Exceeds(100m, 110m, 10m));
        Assert.False(PriceDeviation.Exceeds(100m, 90m, 10m));
        Assert.True(PriceDeviation.Exceeds(100m, 110.01m, 10m));
        Assert.True(PriceDeviation.Exceeds(100m, 89.99m, 10m));
    }
}
