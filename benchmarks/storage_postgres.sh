#!/usr/bin/env bash
# Ingest's store on PostgreSQL: bytes on disk per 1,000 tau-bench conversations (pg_total_relation_size of every table
# of the ingest schema) as stored and as the same rows would take uncompressed (benchmarks/compression/pg_sizes.py),
# and the cost of reading each trace once over the API. Replays COPIES × the 200 conversations with fresh trace ids
# into one `bh run ingest --storage postgres` on a scratch database (dropped after). Build first (through slot):
#   dotnet build -c Release services/Host
#   benchmarks/storage_postgres.sh
# Environment (all optional): COPIES=5 PORT=58090 PG="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"
#   DATA_FILE=../shared/data/taubench-airline.otlp.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
DLL=${DLL:-services/Host/bin/Release/net10.0/bh.dll}
COPIES=${COPIES:-5}
PORT=${PORT:-58090}
PG=${PG:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}
DATA_FILE=${DATA_FILE:-$(ls ../shared/data/taubench-airline.otlp.jsonl ../../shared/data/taubench-airline.otlp.jsonl 2>/dev/null | head -n 1 || true)}
[[ -f "$DATA_FILE" ]] || { echo "taubench-airline.otlp.jsonl not found: set DATA_FILE" >&2; exit 1; }
WORK=$(mktemp -d)
DB="bh_pgingest_size_$RANDOM$RANDOM"
SERVER=
psql_admin() { PGPASSWORD=$(grep -oP 'Password=\K[^;]+' <<<"$PG") psql -h "$(grep -oP 'Host=\K[^;]+' <<<"$PG")" \
  -p "$(grep -oP 'Port=\K[^;]+' <<<"$PG" || echo 5432)" -U "$(grep -oP 'Username=\K[^;]+' <<<"$PG")" -d postgres -Atqc "$1"; }
stop() {
  [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null || return 0
  kill -TERM "$SERVER"; for _ in $(seq 1 40); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$SERVER" 2>/dev/null || true; SERVER=
}
trap 'stop; psql_admin "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; rm -rf "$WORK"' EXIT

python3 benchmarks/storage_data.py "$DATA_FILE" "$WORK/traces.jsonl" "$WORK/ids" "$COPIES"
CONVERSATIONS=$(wc -l <"$WORK/ids")
psql_admin "CREATE DATABASE $DB"
dotnet "$DLL" run ingest --transport inmemory --storage postgres --storage-connection "$PG;Database=$DB" --data-dir "$WORK/data" \
  --api "127.0.0.1:$PORT" --otlp-http "127.0.0.1:$((PORT + 1))" --otlp-grpc "127.0.0.1:$((PORT + 2))" >"$WORK/ingest.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; kill -0 "$SERVER" || { tail -n 40 "$WORK/ingest.log"; exit 1; }; sleep 0.5; done
start=$(date +%s.%N)
dotnet "$DLL" replay "$WORK/traces.jsonl" --endpoint "http://127.0.0.1:$((PORT + 1))" --concurrency 4 >/dev/null
for _ in $(seq 1 600); do
  (( $(curl -fsS "http://127.0.0.1:$PORT/api/traces/stats" | grep -oE '"openTraces":[0-9]+' | cut -d: -f2) == 0 )) && break; sleep 0.5
done
echo "$CONVERSATIONS conversations replayed and completed in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s;" \
  "OTLP/JSON $(stat -c %s "$WORK/traces.jsonl") bytes"
echo "reads: $(python3 benchmarks/storage_reads.py "http://127.0.0.1:$PORT" /api/traces/ "$WORK/ids" api)"
stop
PGHOST=$(grep -oP 'Host=\K[^;]+' <<<"$PG") PGPORT=$(grep -oP 'Port=\K[^;]+' <<<"$PG" || echo 5432) \
  PGUSER=$(grep -oP 'Username=\K[^;]+' <<<"$PG") PGPASSWORD=$(grep -oP 'Password=\K[^;]+' <<<"$PG") \
  python3 benchmarks/compression/pg_sizes.py "$DB" ingest "$CONVERSATIONS"
