using BetterHarness.Clustering.Domain.Features;
using BetterHarness.Clustering.Domain.Grouping;
using BetterHarness.Clustering.Domain.Identity;
using BetterHarness.Clustering.Domain.Quality;
using BetterHarness.Clustering.Domain.Reclustering;
using BetterHarness.Clustering.Domain.Signatures;
using BetterHarness.Contracts;
using BetterHarness.Text;

namespace BetterHarness.Clustering.Tests.Domain;

/// <summary>Three kinds of failure, written differently each time, must come out as three clusters.</summary>
public sealed class KnownGroupsTests
{
    private static readonly string[][] Groups =
    [
        ["upstream payment gateway timed out after 30 s", "payment provider request timed out", "timeout while calling the payment gateway",
         "gateway timeout contacting payment service", "payment API did not respond in time (timeout)"],
        ["401 unauthorized: the API key is invalid", "authentication failed: invalid API key", "invalid credentials, access denied",
         "unauthorized request, api key expired", "auth error: token rejected as invalid"],
        ["could not parse JSON arguments: unexpected end of input", "invalid JSON in tool arguments", "JSON decode error: expecting value",
         "malformed JSON passed to the tool", "failed to parse tool call arguments as JSON"],
    ];

    private static readonly string[] Tools = ["charge_card", "get_account", "update_booking"];

    [Fact]
    public void Known_failure_groups_cluster_together_with_minilm_embeddings()
    {
        using var embedder = new MiniLmEmbedder();
        var (points, truth) = Points(embedder);
        var outcome = Reclusterer.Run(Input(points, new Dictionary<string, string>(), new Dictionary<string, float[]>()), Ids());
        var scores = ClusteringScores.Score([.. outcome.Assignments.Select(a => (a.ClusterId, truth[a.TraceId]))]);
        Assert.Equal(3, outcome.Clusters.Count);
        Assert.Equal(1.0, scores.AdjustedRand, 3);
    }

    [Fact]
    public void Reclustering_unchanged_data_keeps_every_id()
    {
        using var embedder = new MiniLmEmbedder();
        var (points, _) = Points(embedder);
        var first = Reclusterer.Run(Input(points, new Dictionary<string, string>(), new Dictionary<string, float[]>()), Ids());
        var previous = first.Assignments.ToDictionary(a => a.TraceId, a => a.ClusterId);
        var centroids = first.Clusters.ToDictionary(c => c.Id, c => c.Centroid);

        var second = Reclusterer.Run(Input(points, previous, centroids), Ids());

        Assert.Equal(first.Clusters.Select(c => c.Id).Order(), second.Clusters.Select(c => c.Id).Order());
        Assert.Empty(second.Identity.Emerged);
        Assert.All(second.Assignments, a => Assert.Equal(previous[a.TraceId], a.ClusterId));
    }

    private static ReclusterInput Input(IReadOnlyList<SignaturePoint> points, IReadOnlyDictionary<string, string> previous,
        IReadOnlyDictionary<string, float[]> centroids) =>
        new(points, previous, centroids, FeatureMode.Behaviour, new GroupingSettings(MaxClusters: 8), new MatchSettings());

    private static Func<string> Ids()
    {
        var n = 0;
        return () => $"fc-{++n}";
    }

    private static (List<SignaturePoint> Points, Dictionary<string, string> Truth) Points(ITextEmbedder embedder)
    {
        var truth = new Dictionary<string, string>();
        var signatures = new List<(FailureSignature Signature, string TraceId)>();
        for (var g = 0; g < Groups.Length; g++)
            foreach (var error in Groups[g])
                for (var copy = 0; copy < 2; copy++)
                {
                    var digest = Digests.Failure($"{error} (request {copy * 7919 + g})", tool: Tools[g]);
                    truth[digest.TraceId] = "group" + g;
                    signatures.Add((SignatureBuilder.Build(digest), digest.TraceId));
                }
        var distinct = signatures.GroupBy(s => s.Signature.Hash).ToList();
        var vectors = embedder.Embed([.. distinct.Select(d => d.First().Signature.Text)]);
        return ([.. distinct.Select((d, i) => new SignaturePoint(d.Key, d.First().Signature.Text, d.First().Signature.DominantKind,
            vectors[i], [.. d.Select(x => x.TraceId)]))], truth);
    }
}
