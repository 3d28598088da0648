using System.Text.Json;
using CsCheck;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Evaluation;

/// <summary>Decimal arithmetic on event-supplied values is total: sums and percent amounts saturate at the decimal range.</summary>
public sealed class DecimalRangeTests
{
    private const string SumDefinition = "name: fz_sum\ncorrelate_by: x\nqualify:\n  sum: { of: fz.val, property: v, at_least: 1 }\nsettlement: { window: 1h }\n";

    private static OutcomeEvent Raw(string key, int minute, string propertiesJson)
    {
        using var doc = JsonDocument.Parse(propertiesJson);
        return new OutcomeEvent(Ev.IdOf(key), "acme", "fz.val", Ev.T0.AddMinutes(minute), doc.RootElement.Clone(), key, null);
    }

    private static OutcomeState Fold(params OutcomeEvent[] events) =>
        OutcomeEvaluator.Evaluate(Examples.Compile(SumDefinition), events, Ev.T0.AddDays(1));

    [Fact]
    public void two_values_of_decimal_max_saturate_the_sum_and_still_qualify()
    {
        var state = Fold(Raw("a", 0, """{"x":"1","v":79228162514264337593543950335}"""), Raw("b", 1, """{"x":"1","v":79228162514264337593543950335}"""));

        Assert.Equal(2, state.EventCount);
        Assert.Equal(decimal.MaxValue, state.Value);
        Assert.Equal(OutcomeStatus.Settled, state.Status); // qualified, and a day later past the 1h window
    }

    [Theory]
    [InlineData("1e40", "79228162514264337593543950335")]
    [InlineData("-1e400", "-79228162514264337593543950335")]
    [InlineData("123456789012345678901234567890123456789", "79228162514264337593543950335")]
    [InlineData("1e-40", "0")]
    [InlineData("1.00000000000000000000000000000000001", "1")]
    public void a_number_beyond_the_decimal_range_reads_as_its_nearest_end(string number, string expected)
    {
        var state = Fold(Raw("a", 0, $$"""{"x":"1","v":{{number}}}"""));

        Assert.Equal(1, state.EventCount);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), state.Value);
    }

    [Fact]
    public void a_sum_never_throws_and_equals_the_clamped_exact_sum()
    {
        var gen = Gen.Decimal.Array[1, 6];
        gen.Sample(values =>
        {
            var events = values.Select((v, i) => Raw($"e{i}", i, $$"""{"x":"1","v":{{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""")).ToArray();
            var exact = values.Aggregate(System.Numerics.BigInteger.Zero, (s, v) => s + new System.Numerics.BigInteger(decimal.Truncate(v)));
            var state = Fold(events);
            Assert.NotNull(state.Value);
            if (exact > new System.Numerics.BigInteger(decimal.MaxValue) + values.Length)
            {
                Assert.Equal(decimal.MaxValue, state.Value);
            }
            else if (exact < new System.Numerics.BigInteger(decimal.MinValue) - values.Length)
            {
                Assert.Equal(decimal.MinValue, state.Value);
            }
        });
    }

    [Fact]
    public void a_percent_of_a_saturated_value_saturates_instead_of_throwing()
    {
        var price = new PercentPrice("fz_sum", "v", 150m, null);

        Assert.Equal(decimal.MaxValue, price.AmountOf(decimal.MaxValue, "USD"));
        Assert.Equal(39614081257132168796771975168m, new PercentPrice("fz_sum", "v", 50m, null).AmountOf(decimal.MaxValue, "USD"));
        Assert.Equal(decimal.MinValue, Decimals.Add(decimal.MinValue, -1m));
        Assert.Equal(decimal.MinValue, Decimals.Multiply(decimal.MaxValue, -2m));
    }
}
