using BetterHarness.Corrections;
using BetterHarness.Mining.Domain.Detection;
using Microsoft.ML;

namespace BetterHarness.Mining.Training;

/// <summary>A fitted detector: the model plus its calibration (slope 0 = use the pipeline's probability) and threshold.</summary>
public sealed record FittedDetector(ITransformer Model, double Slope, double Offset, double Threshold);

/// <summary>
/// How a detector is fitted from labelled rows, so cross-validation, the fixed held-out split and the shipped
/// model all use the same recipe. Calibration and threshold come only from out-of-fold predictions of the rows
/// it is given (grouped by dialogue), never from the rows it is later measured on.
/// <para>Current recipe: Platt scaling of the raw score fitted on inner out-of-fold scores; the threshold is the
/// one that maximises the mean F1 of the EURTAD annotated turns and the agent-style turns; it is folded into the
/// calibration so that the shipped score's decision boundary is 0.5.</para>
/// <para>Baseline (the first shipped recipe, for comparison): the first 24 cues only, the pipeline's probability,
/// F1-best threshold in 0.25–0.75 over all non-random turns.</para>
/// </summary>
/// <param name="agentCalibration">Fit the calibration and choose the threshold on the agent-style rows alone when the
/// training data has any (the detector serves agent conversations, whose base rate and wording differ from EURTAD's).</param>
public sealed class Recipe(DetectorTrainer trainer, bool baseline, int innerFolds = 4, bool agentCalibration = false)
{
    public bool Baseline => baseline;

    /// <summary>Rows as this recipe sees them (the baseline zeroes the cues the first model did not have).</summary>
    public IReadOnlyList<CorrectionRow> Prepare(IReadOnlyList<CorrectionRow> rows) => !baseline ? rows : rows.Select(r => new CorrectionRow
    {
        Label = r.Label, Weight = r.Weight, User = r.User, Embedding = r.Embedding,
        Cues = r.Cues.Select((v, i) => i < CorrectionCues.FirstVersionCount ? v : 0f).ToArray(),
    }).ToList();

    public FittedDetector Fit(IReadOnlyList<CorrectionRow> rows, IReadOnlyList<LabelledTurn> turns)
    {
        rows = Prepare(rows);
        var raw = new float[rows.Count];
        var probability = new float[rows.Count];
        for (var fold = 0; fold < innerFolds; fold++)
        {
            bool InFold(int i) => TrainingSet.StableHash(turns[i].Dialog + "#inner") % innerFolds == fold;
            var fit = trainer.Train(Enumerable.Range(0, rows.Count).Where(i => !InFold(i)).Select(i => rows[i]).ToList());
            var test = Enumerable.Range(0, rows.Count).Where(InFold).ToList();
            var (r, p) = trainer.Score(fit, test.Select(i => rows[i]).ToList());
            for (var k = 0; k < test.Count; k++) (raw[test[k]], probability[test[k]]) = (r[k], p[k]);
        }
        var model = trainer.Train(rows);
        if (baseline)
        {
            var hard = Enumerable.Range(0, rows.Count).Where(i => !turns[i].Source.StartsWith("eurtad-random", StringComparison.Ordinal)).ToList();
            var best = (Threshold: 0.5, F1: -1.0);
            for (var t = 0.25; t <= 0.751; t += 0.025)
            {
                var f1 = DetectorMetrics.From(hard.Select(i => (turns[i].Label, probability[i] >= t)).ToList()).F1;
                if (f1 > best.F1) best = (Math.Round(t, 3), f1);
            }
            return new FittedDetector(model, 0, 0, best.Threshold);
        }
        var eurtad = Enumerable.Range(0, rows.Count).Where(i => TrainingSet.IsEurtadAnnotated(turns[i])).ToList();
        var agent = Enumerable.Range(0, rows.Count).Where(i => TrainingSet.IsAgentStyle(turns[i])).ToList();
        var agentOnly = agentCalibration && agent.Any(i => turns[i].Label);
        var basis = agentOnly ? agent : Enumerable.Range(0, rows.Count).ToList();
        var (slope, offset) = Platt.Fit(basis.Select(i => raw[i]).ToArray(), basis.Select(i => rows[i].Label).ToArray());
        var calibrated = raw.Select(s => CorrectionDetector.Calibrate(s, slope, offset)).ToArray();
        if (agentOnly) eurtad = agent;
        var chosen = (Threshold: 0.5, F1: -1.0);
        for (var t = 0.1; t <= 0.901; t += 0.025)
        {
            double F1(List<int> set) => set.Count == 0 ? 0 : DetectorMetrics.From(set.Select(i => (turns[i].Label, calibrated[i] >= t)).ToList()).F1;
            var f1 = (F1(eurtad) + F1(agent)) / 2;
            if (f1 > chosen.F1 + 1e-9) chosen = (t, f1);
        }
        // Centre the calibration on the chosen threshold: σ(a·s + b − logit(t)) ≥ 0.5 ⇔ σ(a·s + b) ≥ t.
        var centred = offset - Math.Log(chosen.Threshold / (1 - chosen.Threshold));
        return new FittedDetector(model, slope, centred, 0.5);
    }

    /// <summary>Scores of the fitted detector; the decision is score ≥ <see cref="FittedDetector.Threshold"/>.</summary>
    public double[] Predict(FittedDetector detector, IReadOnlyList<CorrectionRow> rows)
    {
        var (raw, probability) = trainer.Score(detector.Model, Prepare(rows));
        return detector.Slope == 0
            ? probability.Select(p => (double)p).ToArray()
            : raw.Select(s => CorrectionDetector.Calibrate(s, detector.Slope, detector.Offset)).ToArray();
    }
}

/// <summary>Platt scaling: fits σ(a·s + b) to the labels by Newton's method on the log loss, with Platt's smoothed targets.</summary>
public static class Platt
{
    public static (double Slope, double Offset) Fit(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var high = (positives + 1.0) / (positives + 2.0);
        var low = 1.0 / (negatives + 2.0);
        double a = 1, b = 0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9;
            for (var i = 0; i < scores.Count; i++)
            {
                var p = 1 / (1 + Math.Exp(-(a * scores[i] + b)));
                var d = p - (labels[i] ? high : low);
                var w = p * (1 - p);
                ga += d * scores[i]; gb += d;
                haa += w * scores[i] * scores[i]; hab += w * scores[i]; hbb += w;
            }
            var det = haa * hbb - hab * hab;
            if (Math.Abs(det) < 1e-12) break;
            var da = (hbb * ga - hab * gb) / det;
            var db = (haa * gb - hab * ga) / det;
            a -= da; b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-9) break;
        }
        return (a, b);
    }
}
