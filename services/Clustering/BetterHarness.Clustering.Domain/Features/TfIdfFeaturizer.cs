using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace BetterHarness.Clustering.Domain.Features;

/// <summary>
/// ML.NET FeaturizeText (word unigrams and bigrams, TF-IDF, English stop words removed) fitted on the
/// signatures of one re-clustering, then hashed down to <see cref="Dimensions"/> dims: each term adds its
/// weight to a few dims chosen by a hash of the term itself (not its vocabulary index), so the same term
/// lands on the same dims after every re-fit and centroids stay comparable.
/// </summary>
public sealed class TfIdfFeaturizer
{
    public const int Dimensions = 256;
    private const int HashesPerTerm = 3;
    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _model;
    private readonly (int Dim, float Sign)[][] _slots;

    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private TfIdfFeaturizer(ITransformer model, (int, float)[][] slots) => (_model, _slots) = (model, slots);

    public static TfIdfFeaturizer Fit(IReadOnlyList<string> corpus)
    {
        var featurizer = new TfIdfFeaturizer(null!, []);
        var ml = featurizer._ml;
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepNumbers = false,
            KeepPunctuations = false,
            StopWordsRemoverOptions = new StopWordsRemovingEstimator.Options(),
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var data = ml.Data.LoadFromEnumerable(Rows(corpus.Count == 0 ? ["(empty)"] : corpus));
        var model = ml.Transforms.Text.FeaturizeText("Features", options, nameof(TextRow.Text)).Fit(data);
        VBuffer<ReadOnlyMemory<char>> names = default;
        model.GetOutputSchema(data.Schema)["Features"].GetSlotNames(ref names);
        var slots = names.DenseValues().Select(n => Hashes(n.ToString())).ToArray();
        return new TfIdfFeaturizer(model, slots);
    }

    public float[][] Transform(IReadOnlyList<string> texts)
    {
        var output = _model.Transform(_ml.Data.LoadFromEnumerable(Rows(texts)));
        var result = new float[texts.Count][];
        var i = 0;
        foreach (var row in output.GetColumn<VBuffer<float>>("Features"))
        {
            var v = new float[Dimensions];
            foreach (var (slot, weight) in row.Items())
                foreach (var (dim, sign) in _slots[slot]) v[dim] += sign * weight;
            result[i++] = Vectors.Normalized(v);
        }
        return result;
    }

    private static IEnumerable<TextRow> Rows(IEnumerable<string> texts) => texts.Select(t => new TextRow { Text = t });

    private static (int, float)[] Hashes(string term)
    {
        var h = Fnv1a(term);
        var result = new (int, float)[HashesPerTerm];
        for (var k = 0; k < HashesPerTerm; k++, h >>= 16)
            result[k] = ((int)(h & 0xFF), (h & 0x100) == 0 ? 1f : -1f);
        return result;
    }

    private static ulong Fnv1a(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text) h = (h ^ c) * 1099511628211UL;
        // FNV's low bits mix poorly for short keys; fold the high half in.
        return h ^ (h >> 29);
    }
}
