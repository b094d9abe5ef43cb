using Microsoft.ML.Data;
using BetterHarness.Mining.Domain.Detection;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Cue/pair features + the MiniLM vector of the user turn → SDCA logistic regression (linear, no native
/// dependencies). Corrections are up-weighted to a third of the mass; the raw score is calibrated afterwards
/// (<see cref="Recipe"/>), so the weighting does not distort the shipped score.
/// </summary>
public sealed class DetectorTrainer(MLContext ml, float l2 = 0.001f)
{
    public ITransformer Train(IReadOnlyList<CorrectionRow> rows)
    {
        var positives = rows.Where(r => r.Label).Sum(r => r.Weight);
        var negatives = rows.Where(r => !r.Label).Sum(r => r.Weight);
        var boost = (float)Math.Max(1, negatives / Math.Max(1, positives) / 3);
        var weighted = rows.Select(r => new CorrectionRow { Label = r.Label, User = r.User, Cues = r.Cues, Embedding = r.Embedding, Weight = r.Label ? r.Weight * boost : r.Weight });
        var data = ml.Data.LoadFromEnumerable(weighted);
        var pipeline = ml.Transforms.Concatenate("Features", nameof(CorrectionRow.Cues), nameof(CorrectionRow.Embedding))
            // One thread: SDCA is only reproducible single-threaded (and the data is small).
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(CorrectionRow.Label), FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(CorrectionRow.Weight), L2Regularization = l2, MaximumNumberOfIterations = 200, NumberOfThreads = 1,
            }));
        return pipeline.Fit(data);
    }

    /// <summary>Raw linear score and the pipeline's own probability for each row.</summary>
    public (float[] Raw, float[] Probability) Score(ITransformer model, IReadOnlyList<CorrectionRow> rows)
    {
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return (scored.GetColumn<float>("Score").ToArray(), scored.GetColumn<float>("Probability").ToArray());
    }
}
