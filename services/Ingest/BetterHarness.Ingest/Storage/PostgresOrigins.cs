using Google.Protobuf;
using Npgsql;

namespace BetterHarness.Ingest.Storage;

/// <summary>
/// PostgreSQL: maps a (resource, scope) pair to its row in <c>origins</c> (unique on the SHA-256 of its bytes). Each new
/// origin is stored in its own short transaction, outside the span batch, so ids in the cache are never rolled back and
/// replicas inserting the same origin only wait for each other for that one statement.
/// </summary>
internal sealed class PostgresOrigins(NpgsqlConnection connection)
{
    private const int MaxEntries = 10_000;
    private const string InsertSql = "INSERT INTO origins (payload) VALUES (@p) ON CONFLICT (payload_hash) DO NOTHING RETURNING id";
    private const string FindSql = "SELECT id FROM origins WHERE payload_hash = sha256(@p)";
    private readonly Dictionary<ByteString, long> _ids = new();

    public long Resolve(ByteString origin)
    {
        if (_ids.TryGetValue(origin, out var id)) return id;
        // Resources with per-process attributes (pid, instance id) would grow the cache without end.
        if (_ids.Count >= MaxEntries) _ids.Clear();
        var payload = origin.ToByteArray();
        // Inserted here, or already there (committed by another replica, perhaps a moment ago: then the insert waited
        // for it and the lookup, a new statement, sees it).
        var found = Scalar(InsertSql, payload) ?? Scalar(FindSql, payload)
            ?? throw new InvalidOperationException("an origin was neither inserted nor found");
        _ids[origin] = found;
        return found;
    }

    private long? Scalar(string sql, byte[] payload)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", NpgsqlTypes.NpgsqlDbType.Bytea, payload);
        return command.ExecuteScalar() is long id ? id : null;
    }
}
