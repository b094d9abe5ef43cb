using BetterHarness.Clustering.Domain.Identity;

namespace BetterHarness.Clustering.Tests.Domain;

public sealed class ClusterMatcherTests
{
    private static readonly float[] X = [1, 0], Y = [0, 1];

    [Fact]
    public void Group_with_mostly_the_same_members_keeps_the_old_id()
    {
        var previous = Members("old-a", 10, "t");
        var result = ClusterMatcher.Match([new NewGroup([.. Enumerable.Range(0, 9).Select(i => $"t{i}"), "new1"], X)],
            previous, new Dictionary<string, float[]>(), new MatchSettings(), () => "fresh");
        Assert.Equal("old-a", result.Ids[0]);
        Assert.Empty(result.Emerged);
    }

    [Fact]
    public void Split_is_recorded_and_the_larger_half_keeps_the_id()
    {
        var previous = Members("old-a", 10, "t");
        var result = ClusterMatcher.Match(
            [new NewGroup([.. Enumerable.Range(0, 6).Select(i => $"t{i}")], X), new NewGroup([.. Enumerable.Range(6, 4).Select(i => $"t{i}")], Y)],
            previous, new Dictionary<string, float[]>(), new MatchSettings(), () => "fresh");
        Assert.Equal(["old-a", "fresh"], result.Ids);
        Assert.Contains(result.Events, e => e.Kind == "split" && e.ClusterId == "old-a" && e.Related.Count == 2);
    }

    [Fact]
    public void Merge_is_recorded_when_a_group_takes_most_of_two_old_clusters()
    {
        var previous = Members("old-a", 5, "a").Concat(Members("old-b", 5, "b")).ToDictionary();
        var result = ClusterMatcher.Match(
            [new NewGroup([.. Enumerable.Range(0, 5).Select(i => $"a{i}"), .. Enumerable.Range(0, 5).Select(i => $"b{i}")], X)],
            previous, new Dictionary<string, float[]>(), new MatchSettings(), () => "fresh");
        Assert.Contains(result.Events, e => e.Kind == "merged" && e.Related.SequenceEqual(["old-a", "old-b"]));
        Assert.Single(result.Retired);
    }

    [Fact]
    public void Group_with_new_members_but_the_same_centroid_keeps_the_old_id()
    {
        var result = ClusterMatcher.Match([new NewGroup(["n1", "n2"], X)], new Dictionary<string, string>(),
            new Dictionary<string, float[]> { ["old-a"] = X, ["old-b"] = Y }, new MatchSettings(), () => "fresh");
        Assert.Equal("old-a", result.Ids[0]);
        Assert.Equal(["old-b"], result.Retired);
    }

    private static Dictionary<string, string> Members(string cluster, int n, string prefix) =>
        Enumerable.Range(0, n).ToDictionary(i => $"{prefix}{i}", _ => cluster);
}
