namespace BetterHarness.Curation.Domain.Splits;

/// <summary>An accepted case's situation: its group, the side the group is on, its keys and its text's unit vector.</summary>
public sealed record StoredSituation(string CaseId, string Category, string GroupId, string Split, SituationKeys Keys, float[] Vector);

/// <summary>The group a new case joins and why.</summary>
/// <param name="Link"><c>conversation</c> (a shared source trace or conversation id), <c>action</c> (same failure cluster and expected
/// calls) or <c>similar</c> (conversation text at or above the similarity threshold).</param>
/// <param name="CaseId">The stored case it was linked to.</param>
public sealed record SituationMatch(string GroupId, string Split, string Link, double Similarity, string CaseId);

/// <summary>
/// Puts a new case into the group of the stored case it shares a situation with: the same conversation first, then the
/// same failure cluster and expected action, then the most similar conversation text (cosine ≥ the threshold). A case
/// linked to nothing starts a group of its own. Groups span categories, so one situation never has a side per category.
/// </summary>
public static class SituationGrouping
{
    public const string Conversation = "conversation";
    public const string Action = "action";
    public const string Similar = "similar";

    public static SituationMatch? Find(SituationKeys keys, float[] vector, IEnumerable<StoredSituation> stored, double threshold)
    {
        SituationMatch? best = null;
        var bestRank = int.MaxValue;
        foreach (var s in stored)
        {
            var similarity = Cosine(vector, s.Vector);
            var rank = keys.Sources.Any(k => s.Keys.Sources.Contains(k)) ? 0
                : keys.Action is not null && keys.Action == s.Keys.Action ? 1
                : similarity >= threshold ? 2
                : int.MaxValue;
            if (rank == int.MaxValue) continue;
            if (rank < bestRank || (rank == bestRank && similarity > best!.Similarity))
            {
                best = new SituationMatch(s.GroupId, s.Split, rank switch { 0 => Conversation, 1 => Action, _ => Similar }, similarity, s.CaseId);
                bestRank = rank;
            }
        }
        return best;
    }

    /// <summary>Dot product of two unit vectors; 0 when their lengths differ.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length || a.Length == 0) return 0;
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}
