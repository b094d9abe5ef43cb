namespace BetterHarness.Clustering.Domain.Features;

/// <summary>
/// The structured part of a signature as a vector: signal kinds, error types, the agent's last move and the
/// state-changing tools it called, each a token hashed to <see cref="Dimensions"/> signed dims. Read from the
/// signature text itself (its <c>failure:</c>, <c>error type:</c> and <c>agent …; acted on:</c> lines), so it
/// needs no storage and is the same after a restart. A sentence embedding of the whole text weighs these few
/// words lightly against the conversation's own words; this vector gives them their own half.
/// </summary>
public static class BehaviourFeatures
{
    public const int Dimensions = 128;

    public static float[] Of(string signatureText)
    {
        var v = new float[Dimensions];
        foreach (var token in Tokens(signatureText))
        {
            var h = Fnv1a(token);
            v[(int)(h % Dimensions)] += (h & 0x8000_0000UL) == 0 ? 1f : -1f;
        }
        return Vectors.Normalized(v);
    }

    public static IEnumerable<string> Tokens(string signatureText)
    {
        foreach (var line in signatureText.Split('\n'))
        {
            if (line.StartsWith("failure: ", StringComparison.Ordinal))
                foreach (var kind in List(line["failure: ".Length..])) yield return "kind:" + kind;
            else if (line.StartsWith("error type: ", StringComparison.Ordinal))
                foreach (var type in List(line["error type: ".Length..])) yield return "type:" + type;
            else if (line.StartsWith("agent ", StringComparison.Ordinal) && line.Contains("; acted on: ", StringComparison.Ordinal))
            {
                var split = line.IndexOf("; acted on: ", StringComparison.Ordinal);
                yield return "move:" + line["agent ".Length..split];
                foreach (var tool in List(line[(split + "; acted on: ".Length)..])) yield return "acted:" + tool;
            }
        }
    }

    private static IEnumerable<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ulong Fnv1a(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text) h = (h ^ c) * 1099511628211UL;
        return h ^ (h >> 31);
    }
}
