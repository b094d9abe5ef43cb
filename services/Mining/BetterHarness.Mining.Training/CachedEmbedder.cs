using BetterHarness.Text;

namespace BetterHarness.Mining.Training;

/// <summary>
/// Remembers vectors by text in a file, so repeated training runs (variants, cross-domain figures) embed each
/// turn once. Only the training tool uses it; the detector always embeds live.
/// </summary>
public sealed class CachedEmbedder(ITextEmbedder inner, string path) : ITextEmbedder
{
    private readonly Dictionary<string, float[]> _vectors = Load(path, inner.Dimensions);

    public int Dimensions => inner.Dimensions;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var fresh = inner.Embed(missing, cancellationToken);
            for (var i = 0; i < missing.Count; i++) _vectors[missing[i]] = fresh[i];
            Save();
        }
        return texts.Select(t => _vectors[t]).ToArray();
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(_vectors.Count);
        foreach (var (text, vector) in _vectors)
        {
            writer.Write(text);
            foreach (var v in vector) writer.Write(v);
        }
    }

    private static Dictionary<string, float[]> Load(string path, int dimensions)
    {
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(path)) return vectors;
        using var reader = new BinaryReader(File.OpenRead(path));
        for (var n = reader.ReadInt32(); n > 0; n--)
        {
            var text = reader.ReadString();
            var vector = new float[dimensions];
            for (var i = 0; i < dimensions; i++) vector[i] = reader.ReadSingle();
            vectors[text] = vector;
        }
        return vectors;
    }
}
