using Microsoft.ML.Data;
using BetterHarness.Mining.Domain.Detection;
using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Cue features + word/char n-grams of the user turn + its MiniLM vector → SDCA logistic regression
/// (no native dependencies, calibrated probabilities). Class weights balance the rare corrections.
/// </summary>
public sealed class DetectorTrainer(MLContext ml, bool ngrams = true)
{
    private bool NGrams { get; } = ngrams;


    public ITransformer Train(IReadOnlyList<CorrectionRow> rows)
    {
        var positives = rows.Where(r => r.Label).Sum(r => r.Weight);
        var negatives = rows.Where(r => !r.Label).Sum(r => r.Weight);
        // Corrections are ~3% of turns; weighting them up to a third of the mass keeps recall without flooding.
        var boost = (float)Math.Max(1, negatives / Math.Max(1, positives) / 3);
        var weighted = rows.Select(r => new CorrectionRow { Label = r.Label, User = r.User, Cues = r.Cues, Embedding = r.Embedding, Weight = r.Label ? r.Weight * boost : r.Weight });
        var data = ml.Data.LoadFromEnumerable(weighted);
        var text = new TextFeaturizingEstimator.Options
        {
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var pipeline = ml.Transforms.Text.FeaturizeText("UserText", text, nameof(CorrectionRow.User))
            .Append(ml.Transforms.Concatenate("Features", NGrams ? ["UserText", nameof(CorrectionRow.Cues), nameof(CorrectionRow.Embedding)] : [nameof(CorrectionRow.Cues), nameof(CorrectionRow.Embedding)]))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(
                labelColumnName: nameof(CorrectionRow.Label), featureColumnName: "Features",
                exampleWeightColumnName: nameof(CorrectionRow.Weight), l2Regularization: 0.001f, maximumNumberOfIterations: 200));
        return pipeline.Fit(data);
    }

    public float[] Probabilities(ITransformer model, IReadOnlyList<CorrectionRow> rows)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return scored.GetColumn<float>("Probability").ToArray();
    }
}
