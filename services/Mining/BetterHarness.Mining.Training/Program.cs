using BetterHarness.Corrections;
using System.Globalization;
using System.Text.Json;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Training;
using BetterHarness.Text;
using Microsoft.ML;

// Usage: dotnet run --project services/Mining/BetterHarness.Mining.Training -- [options]
//   --eurtad DIR     re-extract EURTAD turns from the original release (e.g. ../shared/data/eurtad-dev) first
//   --model-dir DIR  where training files live and the model is written (default: the Domain project's Model/)
//   --cue-scale X    weight of the hand-made cue features against the embedding (default 8)
//   --l2 X           SDCA L2 regularisation (default 0.001)
//   --folds K        grouped cross-validation folds (default 5)
//   --compare        also cross-validate the first shipped recipe (24 cues, uncalibrated) on the same data
//   --evaluate-only  measure, do not write the model
//   --cross-domain   leave-one-domain-out figures only (train on the other domains, test on the held-out one), then exit
//   --mask           embed turns with ids, codes, amounts, dates and numbers replaced by placeholders
//   --agent-calibration  fit calibration and threshold on the agent-style turns alone
//   --cues N         use only the first N cue features (24 = the first version's cues)
//   --no-embedding   cue features only (the embedding is zeroed)
//   --pair-embedding product|difference  embed the pair: user ⊙ agent (×20) or user − agent instead of the user turn
//   --errors         with --cross-domain: print the held-out agent turns the detector gets wrong
//   --embedding-cache FILE  remember MiniLM vectors between runs (default: bh-correction-embeddings.bin in the temp folder)
//   --without-agent  train on EURTAD alone (no tau-bench turn): the prior for an honest airline learning curve
//   --out-dir DIR    write the model there instead of --model-dir (e.g. a prior for BetterHarness:Mining:CorrectionModelDir)
//   --adaptation-choice PRIOR_DIR  choose the adaptation settings on a choice split of the airline tasks (see AdaptationChoice), then exit
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--")).ToDictionary(p => p.a, p => args.ElementAtOrDefault(p.i + 1));
string Option(string name, string fallback) => options.GetValueOrDefault(name) is { } v && !v.StartsWith("--") ? v : fallback;
var modelDir = Option("--model-dir", Path.Combine("services", "Mining", "BetterHarness.Mining.Domain", "Model"));
var dataDir = Path.Combine(modelDir, "training");
if (options.ContainsKey("--adaptation-choice"))
{
    // --adaptation-choice PRIOR_DIR --exclude-tasks 1,2,… [--splits 2] [--orders 3] [--variants all|a,b] [--no-uncertain]
    var priorDir = Option("--adaptation-choice", "");
    using var choiceMiniLm = new MiniLmEmbedder();
    var choiceEmbedder = new CachedEmbedder(choiceMiniLm, Option("--embedding-cache", Path.Combine(Path.GetTempPath(), "bh-correction-embeddings.bin")));
    var priorInfo = JsonSerializer.Deserialize<CorrectionModelInfo>(File.ReadAllText(Path.Combine(priorDir, CorrectionDetector.InfoResource)), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    using var priorModel = File.OpenRead(Path.Combine(priorDir, CorrectionDetector.ModelResource));
    var priorDetector = new CorrectionDetector(new MLContext(seed: 1).Model.Load(priorModel, out _), priorInfo, choiceEmbedder);
    AdaptationChoice.Run(priorDetector, Path.Combine(dataDir, TrainingSet.TauBenchFile),
        Option("--exclude-tasks", "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
        int.Parse(Option("--splits", "2"), CultureInfo.InvariantCulture), int.Parse(Option("--orders", "3"), CultureInfo.InvariantCulture),
        AdaptationChoice.Variants(Option("--variants", "all")), !options.ContainsKey("--no-uncertain"));
    return;
}
if (options.ContainsKey("--eurtad"))
{
    var extracted = EurtadReader.Read(Option("--eurtad", "")).ToList();
    TrainingSet.Write(Path.Combine(dataDir, TrainingSet.EurtadFile), extracted);
    Console.WriteLine($"extracted {extracted.Count} EURTAD turns ({extracted.Count(t => t.Label)} corrections)");
}
var turns = TrainingSet.ReadEurtad(Path.Combine(dataDir, TrainingSet.EurtadFile))
    .Concat(options.ContainsKey("--without-agent") ? [] : TrainingSet.ReadTauBench(Path.Combine(dataDir, TrainingSet.TauBenchFile))).ToList();
foreach (var (name, group) in HeldOutReport.Groups)
    Console.WriteLine($"{name,-18} {turns.Count(group),5} turns, {turns.Count(t => group(t) && t.Label),4} corrections, {turns.Where(group).Select(t => t.Dialog).Distinct().Count(),4} dialogues");

var cueScale = float.Parse(Option("--cue-scale", "8"), CultureInfo.InvariantCulture);
var l2 = float.Parse(Option("--l2", "0.001"), CultureInfo.InvariantCulture);
var folds = int.Parse(Option("--folds", "5"), CultureInfo.InvariantCulture);
Console.WriteLine("featurizing (MiniLM)…");
using var miniLm = new MiniLmEmbedder();
var embedder = new CachedEmbedder(miniLm, Option("--embedding-cache", Path.Combine(Path.GetTempPath(), "bh-correction-embeddings.bin")));
var mask = options.ContainsKey("--mask");
var featurizer = new CorrectionFeaturizer(embedder, cueScale, mask);
var rows = featurizer.Featurize(turns.Select(t => new CorrectionPair(t.Assistant, t.User)).ToList());
if (options.ContainsKey("--cues"))
{
    var kept = int.Parse(Option("--cues", "0"), CultureInfo.InvariantCulture);
    foreach (var row in rows) for (var c = kept; c < row.Cues.Length; c++) row.Cues[c] = 0;
}
if (Option("--pair-embedding", "") is { Length: > 0 } pairMode)
{
    if (pairMode is not ("product" or "difference")) throw new ArgumentException($"--pair-embedding must be product or difference, not '{pairMode}'");
    // Experiment: the embedding column holds a feature of both turns instead of the user turn alone.
    var agentVectors = embedder.Embed([.. turns.Select(t => t.Assistant.Length <= 600 ? t.Assistant : t.Assistant[^600..])]);
    for (var i = 0; i < rows.Count; i++)
    {
        var (u, a) = (rows[i].Embedding, agentVectors[i]);
        rows[i].Embedding = pairMode == "product" ? [.. u.Select((x, d) => x * a[d] * 20f)] : [.. u.Select((x, d) => x - a[d])];
    }
}
if (options.ContainsKey("--no-embedding")) foreach (var row in rows) row.Embedding = new float[row.Embedding.Length];
for (var i = 0; i < rows.Count; i++) { rows[i].Label = turns[i].Label; rows[i].Weight = TrainingSet.Weight(turns[i]); }

var ml = new MLContext(seed: 7);
var trainer = new DetectorTrainer(ml, l2);
var recipe = new Recipe(trainer, baseline: false, agentCalibration: options.ContainsKey("--agent-calibration"));
if (options.ContainsKey("--cross-domain"))
{
    CrossDomain.Print(CrossDomain.Run(recipe, rows, turns, options.ContainsKey("--errors")));
    return;
}

if (options.ContainsKey("--compare"))
    CrossValidation.Print($"BEFORE (first recipe) — grouped {folds}-fold CV by dialogue", CrossValidation.Run(new Recipe(trainer, baseline: true), rows, turns, folds));
var cv = CrossValidation.Run(recipe, rows, turns, folds);
CrossValidation.Print($"grouped {folds}-fold CV by dialogue", cv);

// Fixed held-out split: a quarter of the dialogues by a stable hash, never used for fitting, calibration or threshold.
var train = Enumerable.Range(0, turns.Count).Where(i => !TrainingSet.IsHeldOut(turns[i])).ToList();
var held = Enumerable.Range(0, turns.Count).Where(i => TrainingSet.IsHeldOut(turns[i])).ToList();
if (options.ContainsKey("--compare"))
{
    var baseline = new Recipe(trainer, baseline: true);
    var fittedBaseline = baseline.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => turns[i]).ToList());
    var baselineScores = baseline.Predict(fittedBaseline, held.Select(i => rows[i]).ToList());
    HeldOutReport.Print($"BEFORE (first recipe) — fixed held-out, threshold {fittedBaseline.Threshold:0.###}",
        HeldOutReport.Measure(held.Select(i => turns[i]).ToList(), baselineScores.Select(s => s >= fittedBaseline.Threshold).ToArray()));
}
var fitted = recipe.Fit(train.Select(i => rows[i]).ToList(), train.Select(i => turns[i]).ToList());
var heldScores = recipe.Predict(fitted, held.Select(i => rows[i]).ToList());
var heldOut = HeldOutReport.Measure(held.Select(i => turns[i]).ToList(), heldScores.Select(s => s >= fitted.Threshold).ToArray());
HeldOutReport.Print($"fixed held-out ({train.Count} train rows, {held.Count} held-out rows)", heldOut);

// The shipped model is refit on everything with the same recipe: the numbers above describe this recipe.
var final = recipe.Fit(rows, turns);
var probes = Probes.All;
var probeScores = recipe.Predict(final, featurizer.Featurize(probes.Select(p => p.Pair).ToList()));
for (var i = 0; i < probes.Length; i++)
    Console.WriteLine($"probe {probeScores[i]:0.000} {(probeScores[i] >= final.Threshold == probes[i].Correction ? "ok " : "BAD")} {probes[i].Pair.User}");
if (options.ContainsKey("--evaluate-only")) return;

var outDir = Option("--out-dir", modelDir);
Directory.CreateDirectory(outDir);
ml.Model.Save(final.Model, ml.Data.LoadFromEnumerable(rows).Schema, Path.Combine(outDir, CorrectionDetector.ModelResource));
var info = new CorrectionModelInfo
{
    Threshold = final.Threshold, CueScale = cueScale, MaskValues = mask, CalibrationSlope = Math.Round(final.Slope, 6), CalibrationOffset = Math.Round(final.Offset, 6),
    TrainedAt = DateTimeOffset.UtcNow, CueNames = CorrectionCues.Names, TrainingRows = rows.Count,
    LabelDefinition = TrainingSet.LabelDefinition, HeldOut = heldOut, CrossValidation = cv,
};
File.WriteAllText(Path.Combine(outDir, CorrectionDetector.InfoResource),
    JsonSerializer.Serialize(info, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
Console.WriteLine($"wrote {Path.Combine(outDir, CorrectionDetector.ModelResource)}");
