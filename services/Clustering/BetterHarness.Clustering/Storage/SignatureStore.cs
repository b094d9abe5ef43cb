using BetterHarness.Clustering.Domain.Features;
using Dapper;

namespace BetterHarness.Clustering.Storage;

/// <summary>Distinct signatures and their embeddings (the persistent half of the embedding cache).</summary>
public sealed class SignatureStore(ClusteringDatabase database)
{
    public void Add(IEnumerable<(string Hash, string Text, string DominantKind)> signatures)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO signatures (hash, text, dominant_kind) VALUES (@Hash, @Text, @DominantKind)
            ON CONFLICT (hash) DO NOTHING
            """, signatures.Select(s => new { s.Hash, s.Text, s.DominantKind }), tx);
        tx.Commit();
    }

    public void SetEmbeddings(IEnumerable<(string Hash, float[] Vector)> embeddings)
    {
        using var c = database.Database.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE signatures SET embedding = @Embedding WHERE hash = @Hash",
            embeddings.Select(e => new { e.Hash, Embedding = Vectors.ToBytes(e.Vector) }), tx);
        tx.Commit();
    }

    /// <summary>Text, dominant kind and embedding (null when not embedded yet) of the given hashes.</summary>
    public IReadOnlyDictionary<string, StoredSignature> Find(IEnumerable<string> hashes)
    {
        using var c = database.Database.Open();
        var result = new Dictionary<string, StoredSignature>(StringComparer.Ordinal);
        // SQLite caps bound parameters per statement, so ask in chunks. Dapper expands a list into one parameter per
        // item for SQLite and passes it as one array to PostgreSQL, which compares with ANY.
        var sql = database.Database.Sql(
            sqlite: "SELECT hash, text, dominant_kind, embedding FROM signatures WHERE hash IN @chunk",
            postgres: "SELECT hash, text, dominant_kind, embedding FROM signatures WHERE hash = ANY(@chunk)");
        foreach (var chunk in hashes.Distinct().Chunk(500))
            foreach (var row in c.Query<(string Hash, string Text, string Kind, byte[]? Embedding)>(sql, new { chunk }))
                result[row.Hash] = new StoredSignature(row.Text, row.Kind, row.Embedding is null ? null : Vectors.FromBytes(row.Embedding));
        return result;
    }
}

/// <summary>A stored signature.</summary>
public sealed record StoredSignature(string Text, string DominantKind, float[]? Embedding);
