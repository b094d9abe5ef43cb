#:project ../../services/Ingest/BetterHarness.Ingest/BetterHarness.Ingest.csproj
#:property TreatWarningsAsErrors=true
// Bytes on disk of an ingest schema on PostgreSQL, as stored (zstd before the store, TOAST compression off) and as the
// same rows would take uncompressed: copies span_chunks and log_events with their payloads expanded into twin tables
// (same columns and indexes) once with PostgreSQL's default TOAST storage (EXTENDED: pglz on values over ~2 KB, which is
// what a store that did not compress would get) and once with EXTERNAL (no compression at all), measures every variant
// with pg_total_relation_size (heap + TOAST + indexes), and drops the twins.
// Usage: dotnet run benchmarks/compression/pg_sizes.cs -- "Host=…;Database=…" [schema] [conversations]
using BetterHarness.Ingest.Storage.Compression;
using Npgsql;
using NpgsqlTypes;

var connectionString = args[0];
var schema = args.Length > 1 ? args[1] : "ingest";
await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString);
await c.OpenAsync();
var conversations = args.Length > 2 ? long.Parse(args[2]) : Scalar("SELECT count(*) FROM traces");

long Scalar(string sql) { using var cmd = new NpgsqlCommand(sql, c); return Convert.ToInt64(cmd.ExecuteScalar()); }
void Run(string sql) { using var cmd = new NpgsqlCommand(sql, c); cmd.ExecuteNonQuery(); }
long Size(string table) => Scalar($"SELECT pg_total_relation_size('{schema}.{table}')");

Run("VACUUM ANALYZE"); // settled visibility and free-space maps, as autovacuum leaves them
var tables = new List<(string Name, long Bytes)>();
using (var cmd = new NpgsqlCommand("""
    SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = @schema AND c.relkind = 'r' ORDER BY 2 DESC
    """, c))
{
    cmd.Parameters.AddWithValue("schema", schema);
    await using var reader = await cmd.ExecuteReaderAsync();
    while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetInt64(1)));
}
var total = tables.Sum(t => t.Bytes);
var payloads = Scalar("SELECT COALESCE(sum(length(payload)), 0) FROM span_chunks") + Scalar("SELECT COALESCE(sum(length(payload)), 0) FROM log_events");
Console.WriteLine($"schema {schema}: {conversations} conversations, {Scalar("SELECT COALESCE(sum(span_count), 0) FROM span_chunks")} spans in {Scalar("SELECT count(*) FROM span_chunks")} chunks");
foreach (var (name, bytes) in tables) Console.WriteLine($"  {name,-18} {bytes,14:N0} bytes");

long expanded = 0;
var variants = new Dictionary<string, long>();
foreach (var storage in new[] { "EXTENDED", "EXTERNAL" })
{
    long twins = 0;
    foreach (var (table, key) in new[] { ("span_chunks", "chunk_key, span_count"), ("log_events", "record_key, span_id") })
    {
        var twin = $"{table}_{storage.ToLowerInvariant()}";
        Run($"DROP TABLE IF EXISTS {twin}; CREATE TABLE {twin} (LIKE {table} INCLUDING ALL); ALTER TABLE {twin} ALTER COLUMN payload SET STORAGE {storage}");
        var rows = new List<(byte[] TraceId, byte[] Key, object Second, long Origin, byte[] Payload)>();
        using (var read = new NpgsqlCommand($"SELECT trace_id, {key}, origin_id, encoding, payload FROM {table} ORDER BY id", c))
        await using (var reader = await read.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), reader.GetValue(2), reader.GetInt64(3),
                    PayloadCodec.Decode((PayloadEncoding)reader.GetInt64(4), reader.GetFieldValue<byte[]>(5)).ToArray()));
        if (storage == "EXTERNAL") expanded += rows.Sum(r => (long)r.Payload.Length);
        await using (var copy = await c.BeginBinaryImportAsync($"COPY {twin} (trace_id, {key}, origin_id, encoding, payload) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.TraceId, NpgsqlDbType.Bytea);
                await copy.WriteAsync(r.Key, NpgsqlDbType.Bytea);
                if (r.Second is DBNull) await copy.WriteNullAsync();
                else if (r.Second is long n) await copy.WriteAsync(n, NpgsqlDbType.Bigint);
                else await copy.WriteAsync((byte[])r.Second, NpgsqlDbType.Bytea);
                await copy.WriteAsync(r.Origin, NpgsqlDbType.Bigint);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(r.Payload, NpgsqlDbType.Bytea);
            }
            await copy.CompleteAsync();
        }
        Run($"VACUUM ANALYZE {twin}");
        twins += Size(twin) - Size(table);
        Run($"DROP TABLE {twin}");
    }
    variants[storage] = total + twins;
}

string PerThousand(long bytes) => $"{bytes * 1000.0 / conversations / 1e6,8:F1} MB";
Console.WriteLine($"payload bytes: {payloads:N0} stored (zstd), {expanded:N0} protobuf ({(double)payloads / expanded:F3}x)");
Console.WriteLine($"per 1,000 conversations, whole schema (pg_total_relation_size of every table):");
Console.WriteLine($"  zstd in the store, TOAST EXTERNAL (this build) {PerThousand(total)}");
Console.WriteLine($"  protobuf, TOAST EXTENDED (pglz, PG default)    {PerThousand(variants["EXTENDED"])}");
Console.WriteLine($"  protobuf, TOAST EXTERNAL (no compression)      {PerThousand(variants["EXTERNAL"])}");
