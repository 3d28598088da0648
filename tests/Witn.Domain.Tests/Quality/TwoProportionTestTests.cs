using CsCheck;
using Witn.Domain.Quality;

namespace Witn.Domain.Tests.Quality;

/// <summary>The pooled two-proportion z-test against hand-computed cases and its symmetries.</summary>
public sealed class TwoProportionTestTests
{
    [Fact]
    public void a_textbook_case_gives_its_z_and_p_value()
    {
        // 45 of 100 against 60 of 100: pooled 0.525, se = sqrt(0.525 * 0.475 * 0.02) = 0.070622, z = 0.15 / se = 2.1240.
        var c = TwoProportionTest.Compare(45, 100, 60, 100);

        Assert.Equal(2.1240, c.Z!.Value, 3);
        Assert.Equal(0.03367, c.PValue!.Value, 4);
        Assert.Equal(0.15m, c.Difference);
        Assert.True(c.EnoughData);
        Assert.True(c.BeyondNoise);
    }

    [Fact]
    public void a_small_difference_at_these_volumes_is_noise()
    {
        var c = TwoProportionTest.Compare(50, 100, 55, 100);

        Assert.Equal(0.7075, c.Z!.Value, 3);
        Assert.True(c.PValue > 0.4);
        Assert.False(c.BeyondNoise);
    }

    [Fact]
    public void the_normal_tail_matches_known_values()
    {
        Assert.Equal(1.0, TwoProportionTest.TwoSidedP(0), tolerance: 1e-6);
        Assert.Equal(0.05, TwoProportionTest.TwoSidedP(1.959964), tolerance: 1e-6);
        Assert.Equal(0.01, TwoProportionTest.TwoSidedP(2.575829), tolerance: 1e-6);
        Assert.Equal(0.3173105, TwoProportionTest.TwoSidedP(-1), tolerance: 1e-6);
    }

    [Fact]
    public void without_a_whole_on_a_side_there_is_no_test_and_too_few_is_never_beyond_noise()
    {
        var none = TwoProportionTest.Compare(0, 0, 3, 10);
        Assert.Null(none.Z);
        Assert.Null(none.PValue);
        Assert.Null(none.Difference);
        Assert.False(none.BeyondNoise);

        // 0 of 3 against 3 of 3 is as far apart as rates get, but expects 1.5 of each kind per side.
        var few = TwoProportionTest.Compare(0, 3, 3, 3);
        Assert.False(few.EnoughData);
        Assert.False(few.BeyondNoise);

        var same = TwoProportionTest.Compare(10, 10, 20, 20);
        Assert.Equal(0, same.Z);
        Assert.False(same.BeyondNoise);
    }

    [Fact]
    public void swapping_the_sides_negates_z_and_keeps_the_p_value()
    {
        var gen = from n1 in Gen.Int[1, 5000]
                  from x1 in Gen.Int[0, n1]
                  from n2 in Gen.Int[1, 5000]
                  from x2 in Gen.Int[0, n2]
                  select (x1, n1, x2, n2);
        gen.Sample(t =>
        {
            var ab = TwoProportionTest.Compare(t.x1, t.n1, t.x2, t.n2);
            var ba = TwoProportionTest.Compare(t.x2, t.n2, t.x1, t.n1);
            Assert.Equal(-ab.Z!.Value, ba.Z!.Value, 9);
            Assert.Equal(ab.PValue!.Value, ba.PValue!.Value, 9);
            Assert.Equal(ab.BeyondNoise, ba.BeyondNoise);
            Assert.InRange(ab.PValue.Value, 0, 1);
            Assert.Equal(-ab.Difference, ba.Difference);
        });
    }
}
