#!/usr/bin/env bash
# Span storage, side by side: bytes on disk per 1,000 tau-bench conversations, the cost of reading a trace (the API
# mining reads and the trace page) and ingest throughput (bh loadgen content/http and small/http), for this tree's
# Release build and, with BASE_DLL, another build (e.g. the previous main in a second worktree), runs alternating so
# both see the same machine load. Build first (through /work/tools/slot on the shared machines):
#   dotnet build -c Release services/Host        # and the same in the other worktree
#   BASE_DLL=/tmp/base/services/Host/bin/Release/net10.0/bh.dll benchmarks/storage.sh
# Environment (all optional): ROUNDS=2 COPIES=5 (× 200 conversations) DURATION=15 (loadgen seconds per profile)
#   API_PORT=48080 OTLP_HTTP_PORT=48081 OTLP_GRPC_PORT=48082 DATA_FILE=../shared/data/taubench-airline.otlp.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
NEW_DLL=${NEW_DLL:-services/Host/bin/Release/net10.0/bh.dll}
BASE_DLL=${BASE_DLL:-}
ROUNDS=${ROUNDS:-2}
COPIES=${COPIES:-5}
DURATION=${DURATION:-15}
API_PORT=${API_PORT:-48080}
OTLP_HTTP_PORT=${OTLP_HTTP_PORT:-48081}
OTLP_GRPC_PORT=${OTLP_GRPC_PORT:-48082}
# The shared data sits beside the main checkout (../shared) and two levels up from a worktree under wt/.
DATA_FILE=${DATA_FILE:-$(ls ../shared/data/taubench-airline.otlp.jsonl ../../shared/data/taubench-airline.otlp.jsonl 2>/dev/null | head -n 1 || true)}
[[ -f "$DATA_FILE" ]] || { echo "taubench-airline.otlp.jsonl not found: set DATA_FILE" >&2; exit 1; }
WORK=$(mktemp -d)
SERVER=

start() { # DLL DATA_DIR
  dotnet "$1" up --data-dir "$2" --api "127.0.0.1:$API_PORT" --otlp-http "127.0.0.1:$OTLP_HTTP_PORT" \
    --otlp-grpc "127.0.0.1:$OTLP_GRPC_PORT" >"$2.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER" 2>/dev/null || { tail -n 40 "$2.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "not healthy after 120 s" >&2; exit 1
}
stop() {
  [[ -n "$SERVER" ]] && kill -0 "$SERVER" 2>/dev/null || return 0
  kill -TERM "$SERVER"; for _ in $(seq 1 40); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$SERVER" 2>/dev/null || true; SERVER=
}
open_traces() { curl -fsS "http://127.0.0.1:$API_PORT/api/traces/stats" | grep -oE '"openTraces":[0-9]+' | cut -d: -f2; }
field() { grep -oE "(^| )$1=[^ ]+" <<<"$2" | tail -n 1 | cut -d= -f2; }
trap 'stop; rm -rf "$WORK"' EXIT

python3 benchmarks/storage_data.py "$DATA_FILE" "$WORK/traces.jsonl" "$WORK/ids" "$COPIES"
CONVERSATIONS=$(wc -l <"$WORK/ids")

run() { # NAME DLL
  local name=$1 dll=$2 data="$WORK/$1-$RANDOM" out
  start "$dll" "$data"
  dotnet "$dll" replay "$WORK/traces.jsonl" --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" --concurrency 4 >/dev/null
  for _ in $(seq 1 600); do (( $(open_traces) == 0 )) && break; sleep 0.5; done
  out="$(python3 benchmarks/storage_reads.py "http://127.0.0.1:$API_PORT" /api/traces/ "$WORK/ids" api)"
  out+=" $(python3 benchmarks/storage_reads.py "http://127.0.0.1:$API_PORT" /traces/ "$WORK/ids" page)"
  stop
  # Bytes on disk once the WAL is folded in: what the stored conversations (and everything derived) take.
  sqlite3 "$data/ingest.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  local ingest_bytes all_bytes
  ingest_bytes=$(stat -c %s "$data/ingest.db")
  all_bytes=$(du -sb "$data" | cut -f1)
  rm -rf "$data"
  start "$dll" "$data"
  local content small
  content=$(dotnet "$dll" loadgen --profile content --protocol http --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" --duration "$DURATION" --concurrency 32 2>/dev/null)
  small=$(dotnet "$dll" loadgen --profile small --protocol http --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" --duration "$DURATION" --concurrency 32 2>/dev/null)
  stop
  rm -rf "$data" "$data.log"
  printf '%-5s %14s %16s %10s %10s %10s %10s %14s %14s\n' "$name" \
    "$(( ingest_bytes * 1000 / CONVERSATIONS ))" "$(( all_bytes * 1000 / CONVERSATIONS ))" \
    "$(field api_mean_ms "$out")" "$(field api_p95_ms "$out")" "$(field page_mean_ms "$out")" "$(field page_p95_ms "$out")" \
    "$(field spans_per_sec "$content")" "$(field spans_per_sec "$small")"
}

echo "$CONVERSATIONS conversations ($COPIES × $(basename "$DATA_FILE")); OTLP/JSON $(stat -c %s "$WORK/traces.jsonl") bytes"
printf '%-5s %14s %16s %10s %10s %10s %10s %14s %14s\n' build ingest.db/1k data-dir/1k api_mean api_p95 page_mean page_p95 content_sp/s small_sp/s
for _ in $(seq 1 "$ROUNDS"); do
  [[ -n "$BASE_DLL" ]] && run base "$BASE_DLL"
  run new "$NEW_DLL"
done
echo "(bytes per 1,000 conversations; read times in ms over every conversation once; loadgen $DURATION s per profile, concurrency 32)"
