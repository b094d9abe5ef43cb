using Google.Protobuf;
using Microsoft.Data.Sqlite;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

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

    public long Resolve(ResourceSpans resourceSpans, ScopeSpans scopeSpans) =>
        Resolve(resourceSpans.Resource, resourceSpans.SchemaUrl, scopeSpans.Scope, scopeSpans.SchemaUrl);

    /// <summary>Log records share the origins of spans: the same resource and scope, stored in the same shape.</summary>
    public long Resolve(ResourceLogs resourceLogs, ScopeLogs scopeLogs) =>
        Resolve(resourceLogs.Resource, resourceLogs.SchemaUrl, scopeLogs.Scope, scopeLogs.SchemaUrl);

    private long Resolve(Resource? resource, string resourceSchema, InstrumentationScope? scope, string scopeSchema)
    {
        var origin = new ResourceSpans { Resource = resource, SchemaUrl = resourceSchema };
        origin.ScopeSpans.Add(new ScopeSpans { Scope = scope, SchemaUrl = scopeSchema });
        var key = origin.ToByteString();
        if (_ids.TryGetValue(key, out var id)) return id;
        // Resources with per-process attributes (pid, instance id) would grow the cache without end.
        if (_ids.Count >= MaxEntries) _ids.Clear();
        _upsert.Parameters[0].Value = key.ToByteArray();
        id = (long)_upsert.ExecuteScalar()!;
        // A rolled-back transaction would leave a dangling id here; ids are only cached after a lookup
        // inside the current transaction, and the cache is cleared when a commit fails (see SpanBatchWriter).
        _ids[key] = id;
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
