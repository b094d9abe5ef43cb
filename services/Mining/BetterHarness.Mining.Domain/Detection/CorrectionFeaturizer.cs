using BetterHarness.Corrections;
using BetterHarness.Text;

namespace BetterHarness.Mining.Domain.Detection;

/// <summary>
/// Turns pairs into pipeline rows: cue features plus MiniLM vectors. Used by training and by scoring,
/// so both see exactly the same features.
/// </summary>
/// <param name="cueScale">Multiplies the cue features so L2 regularisation shrinks them less than the thousands of
/// sparse n-grams: they are the features meant to transfer to agent conversations. Stored in the model info.</param>
/// <param name="maskValues">Embed the turns with ids, codes, amounts, dates and numbers replaced by placeholders
/// (<see cref="ValueMask"/>). Stored in the model info.</param>
public sealed class CorrectionFeaturizer(ITextEmbedder embedder, float cueScale = 1, bool maskValues = false)
{
    // The end of a long agent turn (its question or proposal) is what the user answers.
    private const int AssistantTail = 600;

    public IReadOnlyList<CorrectionRow> Featurize(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default)
    {
        var users = pairs.Select(p => Clip(p.User, 1000)).ToArray();
        var assistants = pairs.Select(p => Tail(p.Assistant)).ToArray();
        var embedded = maskValues ? [.. users.Select(ValueMask.Apply), .. assistants.Select(ValueMask.Apply)] : (string[])[.. users, .. assistants];
        var vectors = embedder.Embed(embedded, ct);
        var rows = new CorrectionRow[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var userVector = vectors[i];
            var cosine = pairs[i].Assistant.Length == 0 ? 0f : Dot(userVector, vectors[pairs.Count + i]);
            rows[i] = new CorrectionRow
            {
                User = CorrectionCues.Normalize(users[i]),
                Cues = CorrectionCues.Compute(assistants[i], users[i], cosine).Select(v => v * cueScale).ToArray(),
                Embedding = userVector,
            };
        }
        return rows;
    }

    private static string Tail(string text) => text.Length <= AssistantTail ? text : text[^AssistantTail..];

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
