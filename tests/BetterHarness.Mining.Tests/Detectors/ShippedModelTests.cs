using System.Text.Json.Nodes;
using BetterHarness.Mining.Detectors;
using BetterHarness.Mining.Domain.Detection;

namespace BetterHarness.Mining.Tests.Detectors;

/// <summary><c>ShippedModelDir</c>: a prior written by the training tool replaces the embedded model, and a directory without it fails the start-up check.</summary>
public sealed class ShippedModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bh-shipped-model-").FullName;

    [Fact]
    public void A_model_directory_replaces_the_embedded_model()
    {
        var assembly = typeof(CorrectionDetector).Assembly;
        using (var zip = File.Create(Path.Combine(_dir, CorrectionDetector.ModelResource)))
            assembly.GetManifestResourceStream(CorrectionDetector.ModelResource)!.CopyTo(zip);
        using (var reader = new StreamReader(assembly.GetManifestResourceStream(CorrectionDetector.InfoResource)!))
        {
            var info = JsonNode.Parse(reader.ReadToEnd())!;
            info["threshold"] = 0.3;
            File.WriteAllText(Path.Combine(_dir, CorrectionDetector.InfoResource), info.ToJsonString());
        }

        Assert.True(ShippedModel.IsValidDir(_dir));
        var detector = ShippedModel.Load(new DetectorOptions { ShippedModelDir = _dir }, new WordEmbedder());

        Assert.Equal(0.3, detector.Info.Threshold, 6);
        Assert.NotEqual(0.3, ShippedModel.Load(new DetectorOptions(), new WordEmbedder()).Info.Threshold, 6);
        var verdict = detector.Classify([new CorrectionPair("Booked the 9am flight to Austin.", "No, I said Boston, not Austin.")]).Single();
        Assert.InRange(verdict.Score, 0, 1);
    }

    [Fact]
    public void A_directory_without_both_files_fails_the_start_up_check()
    {
        Assert.True(ShippedModel.IsValidDir(null));
        Assert.False(ShippedModel.IsValidDir(_dir));
        File.WriteAllText(Path.Combine(_dir, CorrectionDetector.InfoResource), "{}");
        Assert.False(ShippedModel.IsValidDir(_dir));
        Assert.False(ShippedModel.IsValidDir(Path.Combine(_dir, "missing")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
