using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// Maps a (resource, scope) pair to its row in <c>origins</c>. Exporters repeat the same resource on
/// every request, so storing it once per distinct value keeps span rows small.
/// </summary>
internal sealed class OriginCache(SqliteConnection connection) : IDisposable
{
    private const int MaxEntries = 10_000;
    private readonly Dictionary<ByteString, long> _ids = new();
    private readonly SqliteCommand _upsert = Create(connection,
        "INSERT INTO origins (payload) VALUES ($p) ON CONFLICT (payload) DO UPDATE SET payload = excluded.payload RETURNING id");

    public SqliteTransaction? Transaction { set => _upsert.Transaction = value; }

    /// <summary>The id of an origin in the shape <see cref="PreparedRequest"/> builds (a ResourceSpans without spans).</summary>
    public long Resolve(ByteString origin)
    {
        if (_ids.TryGetValue(origin, out var id)) return id;
        // Resources with per-process attributes (pid, instance id) would grow the cache without end.
        if (_ids.Count >= MaxEntries) _ids.Clear();
        _upsert.Parameters[0].Value = origin.ToByteArray();
        id = (long)_upsert.ExecuteScalar()!;
        // A rolled-back transaction would leave a dangling id here; ids are only cached after a lookup
        // inside the current transaction, and the cache is cleared when a commit fails (see SpanBatchWriter).
        _ids[origin] = id;
        return id;
    }

    public void Clear() => _ids.Clear();

    public void Dispose() => _upsert.Dispose();

    private static SqliteCommand Create(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
        return command;
    }
}
