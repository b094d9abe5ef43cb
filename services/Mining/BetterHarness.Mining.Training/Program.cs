using System.Text.Json;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Mining.Training;
using BetterHarness.Text;
using Microsoft.ML;

// Usage: dotnet run --project services/Mining/BetterHarness.Mining.Training -- [--eurtad DIR] [--model-dir DIR]
//   --eurtad DIR     re-extract EURTAD turns from the original release (e.g. ../shared/data/eurtad-dev) first
//   --model-dir DIR  where training files live and the model is written (default: the Domain project's Model/)
//   --cue-scale X    weight of the hand-made cue features against the n-grams (default 3)
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--")).ToDictionary(p => p.a, p => args.ElementAtOrDefault(p.i + 1));
var modelDir = options.GetValueOrDefault("--model-dir") ?? Path.Combine("services", "Mining", "BetterHarness.Mining.Domain", "Model");
var dataDir = Path.Combine(modelDir, "training");
if (options.GetValueOrDefault("--eurtad") is { } eurtad)
{
    var extracted = EurtadReader.Read(eurtad).ToList();
    TrainingSet.Write(Path.Combine(dataDir, TrainingSet.EurtadFile), extracted);
    Console.WriteLine($"extracted {extracted.Count} EURTAD turns ({extracted.Count(t => t.Label)} corrections by majority)");
}
var turns = TrainingSet.ReadEurtad(Path.Combine(dataDir, TrainingSet.EurtadFile))
    .Concat(TrainingSet.ReadTauBench(Path.Combine(dataDir, TrainingSet.TauBenchFile))).ToList();
Console.WriteLine($"{turns.Count} labelled turns, {turns.Count(t => t.Label)} corrections; featurizing (MiniLM)…");

var cueScale = float.Parse(options.GetValueOrDefault("--cue-scale") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
using var embedder = new MiniLmEmbedder();
var rows = new CorrectionFeaturizer(embedder, cueScale).Featurize(turns.Select(t => new CorrectionPair(t.Assistant, t.User)).ToList());
for (var i = 0; i < rows.Count; i++) { rows[i].Label = turns[i].Label; rows[i].Weight = TrainingSet.Weight(turns[i]); }
var train = Enumerable.Range(0, turns.Count).Where(i => !TrainingSet.IsHeldOut(turns[i])).ToList();
var held = Enumerable.Range(0, turns.Count).Where(i => TrainingSet.IsHeldOut(turns[i])).ToList();

var ml = new MLContext(seed: 7);
var trainer = new DetectorTrainer(ml, ngrams: !options.ContainsKey("--no-ngrams"));
var threshold = ThresholdSearch.FromCrossValidation(trainer, train.Select(i => rows[i]).ToList(), train.Select(i => turns[i]).ToList());
var model = trainer.Train(train.Select(i => rows[i]).ToList());
var probabilities = trainer.Probabilities(model, held.Select(i => rows[i]).ToList());
var heldOut = HeldOutReport.Measure(held.Select(i => turns[i]).ToList(), probabilities, threshold);
HeldOutReport.Print(heldOut, threshold, train.Count, held.Count);

// The shipped model is refit on everything once measured: the held-out numbers describe this recipe.
var final = trainer.Train(rows);
ml.Model.Save(final, ml.Data.LoadFromEnumerable(rows).Schema, Path.Combine(modelDir, CorrectionDetector.ModelResource));
var info = new CorrectionModelInfo
{
    Threshold = threshold, CueScale = cueScale, TrainedAt = DateTimeOffset.UtcNow, CueNames = CorrectionCues.Names, TrainingRows = rows.Count, HeldOut = heldOut,
};
File.WriteAllText(Path.Combine(modelDir, CorrectionDetector.InfoResource),
    JsonSerializer.Serialize(info, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
var probes = new[]
{
    new CorrectionPair("I have booked the 6am flight to Boston for you.", "No, that's not what I asked. I said the cheapest flight, not the earliest."),
    new CorrectionPair("Shall I book flight HAT083 for $100?", "Yes, please go ahead and book it. Thank you!"),
    new CorrectionPair("Your reservation has one passenger.", "There must be some mistake, I remember three passengers."),
    new CorrectionPair("Could you provide your user id?", "Sure, it's mia_li_3668."),
    new CorrectionPair("I booked your flight to Austin for Friday.", "You got it wrong. I said Boston, not Austin."),
    new CorrectionPair("I booked the 6am flight.", "No, I asked for the cheapest one, not the earliest."),
};
var probeScores = trainer.Probabilities(final, new CorrectionFeaturizer(embedder, cueScale).Featurize(probes));
for (var i = 0; i < probes.Length; i++) Console.WriteLine($"probe {probeScores[i]:0.000}  {probes[i].User}");
Console.WriteLine($"wrote {Path.Combine(modelDir, CorrectionDetector.ModelResource)}");
