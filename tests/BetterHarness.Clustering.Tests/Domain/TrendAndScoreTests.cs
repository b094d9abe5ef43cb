using BetterHarness.Clustering.Domain.Quality;
using BetterHarness.Clustering.Domain.Trends;

namespace BetterHarness.Clustering.Tests.Domain;

public sealed class TrendAndScoreTests
{
    private static readonly TrendSettings Settings = new(TimeSpan.FromHours(1), History: 6, Recent: 2, NewFor: 2, SpikeFactor: 3, SpikeMinCount: 10);

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 2, 3 }, 4, "new")]
    [InlineData(new[] { 2, 2, 2, 2, 6, 8 }, 0, "growing")]
    [InlineData(new[] { 4, 5, 4, 5, 4, 5 }, 0, "stable")]
    [InlineData(new[] { 6, 8, 7, 6, 1, 0 }, 0, "fading")]
    public void Status_follows_the_recent_buckets(int[] counts, int firstSeen, string expected) =>
        Assert.Equal(expected, TrendClassifier.Status(new TrendWindow(counts, firstSeen), Settings));

    [Fact]
    public void Burst_well_above_the_baseline_is_a_spike_but_a_small_one_is_not()
    {
        Assert.NotNull(TrendClassifier.Spike(new TrendWindow([2, 1, 2, 2, 1, 15], 0), Settings));
        Assert.Null(TrendClassifier.Spike(new TrendWindow([2, 1, 2, 2, 1, 5], 0), Settings));
        Assert.Null(TrendClassifier.Spike(new TrendWindow([0, 0, 0, 0, 0, 40], 5), Settings));
    }

    [Fact]
    public void Identical_partitions_score_one_and_a_single_cluster_scores_zero_ari()
    {
        (string, string)[] same = [("x", "a"), ("x", "a"), ("y", "b"), ("y", "b")];
        Assert.Equal(1.0, ClusteringScores.Score(same).AdjustedRand, 6);
        var one = ClusteringScores.Score([("x", "a"), ("x", "a"), ("x", "b"), ("x", "b")]);
        Assert.Equal(0.0, one.AdjustedRand, 6);
        Assert.Equal(0.5, one.Purity, 6);
        Assert.Equal(1.0, one.InversePurity, 6);
    }
}
