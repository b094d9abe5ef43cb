namespace BetterHarness.Mining.Domain.Dedup;

/// <summary>An existing candidate to compare with: its id and fingerprint vector.</summary>
public sealed record StoredFingerprint(string CandidateId, float[] Vector);

/// <summary>Finds the existing candidate (same tags, already filtered by the caller) closest to a new one.</summary>
public static class DuplicateFinder
{
    /// <returns>The best match at or above <paramref name="threshold"/> cosine, or null.</returns>
    public static (string CandidateId, double Similarity)? Find(float[] vector, IEnumerable<StoredFingerprint> candidates, double threshold)
    {
        (string, double)? best = null;
        foreach (var c in candidates)
        {
            var s = Cosine(vector, c.Vector);
            if (s >= threshold && (best is null || s > best.Value.Item2)) best = (c.CandidateId, s);
        }
        return best;
    }

    private static double Cosine(float[] a, float[] b)
    {
        if (a.Length != b.Length) return 0;
        double dot = 0;
        for (var i = 0; i < a.Length; i++) dot += a[i] * b[i];
        return dot; // both are unit vectors
    }
}
