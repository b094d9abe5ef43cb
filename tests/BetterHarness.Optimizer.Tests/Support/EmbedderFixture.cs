using BetterHarness.Text;

namespace BetterHarness.Optimizer.Tests.Support;

/// <summary>One MiniLM model for every test that needs it (≈1 s to load).</summary>
public sealed class EmbedderFixture : IDisposable
{
    public MiniLmEmbedder Embedder { get; } = new();

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EmbedderCollection : ICollectionFixture<EmbedderFixture>
{
    public const string Name = "MiniLM";
}
