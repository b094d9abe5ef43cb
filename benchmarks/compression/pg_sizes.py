"""Bytes on disk of an ingest schema on PostgreSQL, as stored (zstd before the store, TOAST compression off) and as the
same rows would take uncompressed: copies span_chunks and log_events with their payloads expanded (zstd CLI) into twin
tables (same columns and indexes: CREATE TABLE … LIKE … INCLUDING ALL), once with PostgreSQL's default TOAST storage
(EXTENDED: pglz on values over ~2 KB, what a store that did not compress would get) and once EXTERNAL (no compression at
all), measures every variant with pg_total_relation_size (heap + TOAST + indexes), and drops the twins.
Usage: pg_sizes.py DATABASE [SCHEMA] [CONVERSATIONS]   (psql's PGHOST, PGPORT, PGUSER, PGPASSWORD say where)"""
import os, subprocess, sys

database = sys.argv[1]
schema = sys.argv[2] if len(sys.argv) > 2 else "ingest"
env = dict(os.environ, PGOPTIONS=f"-c search_path={schema}")


def psql(sql, stdin=None):
    return subprocess.run(["psql", "-d", database, "-Atq", "-v", "ON_ERROR_STOP=1", "-c", sql], input=stdin,
                          capture_output=True, check=True, env=env).stdout


def scalar(sql):
    return int(psql(sql).decode().strip() or 0)


conversations = int(sys.argv[3]) if len(sys.argv) > 3 else scalar("SELECT count(*) FROM traces")
psql("VACUUM ANALYZE")  # settled visibility and free-space maps, as autovacuum leaves them
tables = [l.split("|") for l in psql(f"""
    SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = '{schema}' AND c.relkind = 'r' ORDER BY 2 DESC""").decode().split()]
total = sum(int(b) for _, b in tables)
stored = scalar("SELECT COALESCE(sum(length(payload)), 0) FROM span_chunks") + \
    scalar("SELECT COALESCE(sum(length(payload)), 0) FROM log_events")
print(f"schema {schema}: {conversations} conversations, {scalar('SELECT COALESCE(sum(span_count), 0) FROM span_chunks')} "
      f"spans in {scalar('SELECT count(*) FROM span_chunks')} chunks")
for name, size in tables:
    print(f"  {name:<18} {int(size):>14,} bytes")

# The rows as COPY text (bytea as \\x hex), payloads expanded: encoding 1 is one zstd frame, 0 the protobuf itself.
expanded_rows, expanded = {}, 0
for table, columns in (("span_chunks", "trace_id, chunk_key, span_count, origin_id"),
                       ("log_events", "trace_id, record_key, span_id, origin_id")):
    lines = []
    for line in psql(f"COPY (SELECT {columns}, encoding, payload FROM {table} ORDER BY id) TO STDOUT").splitlines():
        *keys, encoding, payload = line.split(b"\t")
        raw = bytes.fromhex(payload[3:].decode())
        if encoding == b"1":
            raw = subprocess.run(["zstd", "-d", "-c", "-q"], input=raw, capture_output=True, check=True).stdout
        expanded += len(raw)
        lines.append(b"\t".join(keys + [b"0", b"\\\\x" + raw.hex().encode()]))
    expanded_rows[table] = (columns, b"\n".join(lines) + b"\n" if lines else b"")

variants = {}
for storage in ("EXTENDED", "EXTERNAL"):
    twins = 0
    for table, (columns, rows) in expanded_rows.items():
        twin = f"{table}_{storage.lower()}"
        psql(f"DROP TABLE IF EXISTS {twin}; CREATE TABLE {twin} (LIKE {table} INCLUDING ALL); "
             f"ALTER TABLE {twin} ALTER COLUMN payload SET STORAGE {storage}")
        psql(f"COPY {twin} ({columns}, encoding, payload) FROM STDIN", stdin=rows)
        psql(f"VACUUM ANALYZE {twin}")
        twins += scalar(f"SELECT pg_total_relation_size('{twin}') - pg_total_relation_size('{table}')")
        psql(f"DROP TABLE {twin}")
    variants[storage] = total + twins


def per_thousand(b):
    return f"{b * 1000 / conversations / 1e6:8.1f} MB"


print(f"payload bytes: {stored:,} stored (zstd), {expanded:,} protobuf ({stored / expanded:.3f}x)")
print("per 1,000 conversations, whole schema (pg_total_relation_size of every table):")
print(f"  zstd in the store, TOAST EXTERNAL (this build) {per_thousand(total)}")
print(f"  protobuf, TOAST EXTENDED (pglz, PG default)    {per_thousand(variants['EXTENDED'])}")
print(f"  protobuf, TOAST EXTERNAL (no compression)      {per_thousand(variants['EXTERNAL'])}")
