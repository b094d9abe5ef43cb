using System.Text.Json;
using BetterHarness.Text;
using Microsoft.ML;

namespace BetterHarness.Mining.Domain.Detection;

/// <summary>
/// The trained ML.NET classifier (shipped inside this assembly) over cue and pair features and the MiniLM
/// vector of the user turn, with a Platt calibration centred on the decision threshold. Replaces ingest's
/// regex heuristic for mining decisions.
/// </summary>
public sealed class CorrectionDetector : ICorrectionDetector
{
    public const string ModelResource = "correction-model.zip";
    public const string InfoResource = "correction-model.json";

    private readonly CorrectionFeaturizer _featurizer;
    private readonly PredictionEngine<CorrectionRow, CorrectionOutput> _engine;
    private readonly Lock _gate = new();

    public CorrectionDetector(ITransformer model, CorrectionModelInfo info, ITextEmbedder embedder)
    {
        Info = info;
        _featurizer = new CorrectionFeaturizer(embedder, info.CueScale, info.MaskValues);
        _engine = new MLContext(seed: 1).Model.CreatePredictionEngine<CorrectionRow, CorrectionOutput>(model);
    }

    public CorrectionModelInfo Info { get; }

    /// <summary>Loads the model shipped as an embedded resource of this assembly.</summary>
    public static CorrectionDetector LoadShipped(ITextEmbedder embedder)
    {
        var assembly = typeof(CorrectionDetector).Assembly;
        using var modelStream = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException("The correction model is not embedded; run the training tool (docs/correction-detector.md).");
        var info = LoadShippedInfo();
        var model = new MLContext(seed: 1).Model.Load(modelStream, out _);
        return new CorrectionDetector(model, info, embedder);
    }

    /// <summary>Threshold and held-out metrics written by the training tool.</summary>
    public static CorrectionModelInfo LoadShippedInfo()
    {
        using var stream = typeof(CorrectionDetector).Assembly.GetManifestResourceStream(InfoResource)
            ?? throw new InvalidOperationException("The correction model info is not embedded; run the training tool (docs/correction-detector.md).");
        return JsonSerializer.Deserialize<CorrectionModelInfo>(stream, ModelJson.Options)!;
    }

    public IReadOnlyList<CorrectionVerdict> Classify(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default)
    {
        if (pairs.Count == 0) return [];
        var rows = _featurizer.Featurize(pairs, ct);
        var verdicts = new CorrectionVerdict[rows.Count];
        // PredictionEngine is not thread-safe; scoring is microseconds next to the embedding.
        lock (_gate)
            for (var i = 0; i < rows.Count; i++)
            {
                var p = Math.Round(Score(_engine.Predict(rows[i])), 4);
                verdicts[i] = new CorrectionVerdict(p >= Info.Threshold, p);
            }
        return verdicts;
    }

    /// <summary>
    /// The pairs' features and this model's calibrated log-odds (decision at 0 unless a threshold overrides it): what an
    /// agent's adapted detector starts from (<see cref="Adaptation.AdaptedModel"/>).
    /// </summary>
    public IReadOnlyList<Adaptation.PriorRow> Prior(IReadOnlyList<CorrectionPair> pairs, CancellationToken ct = default)
    {
        if (pairs.Count == 0) return [];
        var rows = _featurizer.Featurize(pairs, ct);
        var prior = new Adaptation.PriorRow[rows.Count];
        lock (_gate)
            for (var i = 0; i < rows.Count; i++)
            {
                var output = _engine.Predict(rows[i]);
                var logit = Info.CalibrationSlope == 0
                    ? Math.Log(Math.Clamp(output.Probability, 1e-6, 1 - 1e-6) / (1 - Math.Clamp(output.Probability, 1e-6, 1 - 1e-6)))
                    : Info.CalibrationSlope * output.Score + Info.CalibrationOffset;
                prior[i] = new Adaptation.PriorRow(logit, [.. rows[i].Cues.Select(c => Info.CueScale == 0 ? c : c / Info.CueScale)], rows[i].Embedding);
            }
        return prior;
    }

    /// <summary>The calibrated score (see <see cref="CorrectionModelInfo.CalibrationSlope"/>).</summary>
    private double Score(CorrectionOutput output) => Info.CalibrationSlope == 0
        ? output.Probability
        : Calibrate(output.Score, Info.CalibrationSlope, Info.CalibrationOffset);

    public static double Calibrate(double raw, double slope, double offset) => 1 / (1 + Math.Exp(-(slope * raw + offset)));
}
