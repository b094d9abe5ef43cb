namespace BetterHarness.Curation.Domain.Splits;

/// <summary>An accepted case's situation: its group, the side the group is on, its keys and its text's unit vector.</summary>
public sealed record StoredSituation(string CaseId, string Category, string GroupId, string Split, SituationKeys Keys, float[] Vector);

/// <summary>One link between a new case and a stored one.</summary>
/// <param name="Kind"><see cref="SituationGrouping.Conversation"/>, <see cref="SituationGrouping.Action"/>,
/// <see cref="SituationGrouping.Entity"/> or <see cref="SituationGrouping.Similar"/>: the strongest that applies.</param>
public sealed record SituationLink(StoredSituation To, string Kind, int Rank, double Similarity);

/// <summary>Where a linked case goes: the side and group it joins, the groups that join it, the groups it bridges to.</summary>
/// <param name="GroupId">The group the case joins: the group of its strongest link on the chosen side.</param>
/// <param name="Merged">Other groups on the chosen side the case is linked to: they become <paramref name="GroupId"/> (union), sides unchanged.</param>
/// <param name="Bridged">Groups on the other side the case is also linked to. They cannot merge (a case never changes side), so the
/// case is a bridge between the two sides: the leak figure shows it.</param>
public sealed record SituationPlacement(string Split, string GroupId, string Link, double Similarity, string CaseId,
    IReadOnlyList<string> Merged, IReadOnlyList<string> Bridged);

/// <summary>
/// Situation groups as a union-find over links between cases: a new case is linked to every stored case of the agent it
/// shares a situation with — the same conversation (a source trace or conversation id), the same failure cluster and
/// expected action, an identifier the user named (an account, a booking), or a near-duplicate conversation text (cosine ≥
/// the threshold) — and joins all their groups, so A~B and B~C put A, B, C in one group whatever order they came in.
/// <para>Stability: a case never changes side, so groups already on different sides never merge. When a new case links
/// groups on both sides, it takes the side of its strongest evidence — the strongest link kind, then the number of cases
/// linked on that side, then the highest similarity, then the optimisation side — and merges only that side's groups;
/// the groups on the other side are reported as bridged. The rule is deterministic: the same cases in the same order
/// give the same groups and splits.</para>
/// A case linked to nothing starts a group of its own (its id). Groups span categories, so one situation never has a side
/// per category.
/// </summary>
public static class SituationGrouping
{
    public const string Conversation = "conversation";
    public const string Action = "action";
    public const string Entity = "entity";
    public const string Similar = "similar";

    /// <summary>Every stored case the new one is linked to, with the strongest kind of link that applies.</summary>
    public static IReadOnlyList<SituationLink> Links(SituationKeys keys, float[] vector, IEnumerable<StoredSituation> stored, double threshold)
    {
        var links = new List<SituationLink>();
        foreach (var s in stored)
        {
            var similarity = Cosine(vector, s.Vector);
            var rank = Shares(keys.Sources, s.Keys.Sources) ? 0
                : keys.Action is not null && keys.Action == s.Keys.Action ? 1
                : Shares(keys.Entities, s.Keys.Entities) ? 2
                : similarity >= threshold ? 3
                : -1;
            if (rank < 0) continue;
            links.Add(new SituationLink(s, rank switch { 0 => Conversation, 1 => Action, 2 => Entity, _ => Similar }, rank, similarity));
        }
        return links;
    }

    /// <summary>The side and group of a new case; null when it is linked to nothing (it starts a group).</summary>
    public static SituationPlacement? Place(SituationKeys keys, float[] vector, IEnumerable<StoredSituation> stored, double threshold)
    {
        var links = Links(keys, vector, stored, threshold);
        if (links.Count == 0) return null;
        var side = links.GroupBy(l => l.To.Split, StringComparer.Ordinal)
            .OrderBy(g => g.Min(l => l.Rank))
            .ThenByDescending(g => g.Count())
            .ThenByDescending(g => g.Max(l => l.Similarity))
            .ThenBy(g => g.Key == Cases.SplitNames.Optimization ? 0 : 1)
            .First();
        var strongest = side.OrderBy(l => l.Rank).ThenByDescending(l => l.Similarity).ThenBy(l => l.To.CaseId, StringComparer.Ordinal).First();
        var merged = side.Select(l => l.To.GroupId).Where(g => g != strongest.To.GroupId).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var bridged = links.Where(l => l.To.Split != side.Key).Select(l => l.To.GroupId).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        return new SituationPlacement(side.Key, strongest.To.GroupId, strongest.Kind, strongest.Similarity, strongest.To.CaseId, merged, bridged);
    }

    /// <summary>Dot product of two unit vectors; 0 when their lengths differ.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }

    private static bool Shares(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.Count > 0 && b.Count > 0 && a.Any(b.Contains);
}
