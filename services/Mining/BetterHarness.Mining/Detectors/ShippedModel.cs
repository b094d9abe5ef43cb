using System.Text.Json;
using BetterHarness.Mining.Domain.Detection;
using BetterHarness.Text;
using Microsoft.ML;

namespace BetterHarness.Mining.Detectors;

/// <summary>
/// The model every agent starts from: the one embedded in the domain assembly, or — with
/// <see cref="DetectorOptions.ShippedModelDir"/> — one the training tool wrote elsewhere (e.g. trained without a domain, so a
/// learning curve on that domain starts from a prior that never saw it).
/// </summary>
public static class ShippedModel
{
    public static CorrectionDetector Load(DetectorOptions options, ITextEmbedder embedder)
    {
        if (string.IsNullOrEmpty(options.ShippedModelDir)) return CorrectionDetector.LoadShipped(embedder);
        var info = JsonSerializer.Deserialize<CorrectionModelInfo>(File.ReadAllText(Path.Combine(options.ShippedModelDir, CorrectionDetector.InfoResource)),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        using var model = File.OpenRead(Path.Combine(options.ShippedModelDir, CorrectionDetector.ModelResource));
        return new CorrectionDetector(new MLContext(seed: 1).Model.Load(model, out _), info, embedder);
    }

    /// <summary>Start-up check: the directory, when set, holds both files the training tool writes.</summary>
    public static bool IsValidDir(string? dir) => string.IsNullOrEmpty(dir) ||
        (File.Exists(Path.Combine(dir, CorrectionDetector.InfoResource)) && File.Exists(Path.Combine(dir, CorrectionDetector.ModelResource)));
}
