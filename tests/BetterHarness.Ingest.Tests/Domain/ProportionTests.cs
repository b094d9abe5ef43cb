using BetterHarness.Ingest.Domain.Production;

namespace BetterHarness.Ingest.Tests.Domain;

public sealed class ProportionTests
{
    [Fact]
    public void Wilson_interval_matches_the_textbook_values_and_stays_inside_zero_and_one()
    {
        var tenth = Proportion.Of(10, 100);
        Assert.Equal(0.1, tenth.Value);
        Assert.Equal(0.0552, tenth.Ci95[0], 4);
        Assert.Equal(0.1744, tenth.Ci95[1], 4);
        var none = Proportion.Of(0, 20);
        Assert.Equal(0, none.Ci95[0]);
        Assert.Equal(0.1611, none.Ci95[1], 4);
        Assert.Equal([0, 1], Proportion.Of(0, 0).Ci95);
    }

    [Fact]
    public void Two_proportions_give_the_difference_b_minus_a_the_pooled_z_test_and_an_interval_around_it()
    {
        var r = TwoProportions.Compare(20, 100, 40, 100);
        Assert.Equal(0.2, r.Difference, 10);
        Assert.Equal(0.00203, r.PValue, 4); // z = 0.2 / sqrt(0.3 · 0.7 · 0.02) = 3.086
        Assert.InRange(r.Ci95[0], 0.07, 0.09);
        Assert.InRange(r.Ci95[1], 0.31, 0.33);
        Assert.Equal(1, TwoProportions.Compare(0, 10, 0, 10).PValue);
        Assert.Equal(1, TwoProportions.Compare(3, 10, 0, 0).PValue);
    }
}
