#!/usr/bin/env bash
# Ingest throughput on PostgreSQL with 1, 2 and 3 replicas (`bh run ingest`, each its own process and ports, one shared
# database) next to SQLite embedded (`bh up`), in one run; with BASE_DLL, SQLite embedded of another build too (the
# previous main: the SQLite path must not regress). Rounds alternate every configuration, so all see the same load.
# Each replica gets its own `bh loadgen` (content/http, CONCURRENCY requests in flight, split over the replicas); the
# figure is the sum of their durable spans/s. CPU seconds are read from /proc for the ingest processes, the loadgens
# and every PostgreSQL process, so the table says where the two cores went. Build first (through /work/tools/slot):
#   dotnet build -c Release services/Host          # and the same in the base worktree
#   BASE_DLL=/tmp/base/services/Host/bin/Release/net10.0/bh.dll benchmarks/ingest_replicas.sh
# Environment (all optional): ROUNDS=2 DURATION=10 PROFILE=content CONCURRENCY=32 REPLICAS="1 2 3" PORT=58080
#   PG="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres" (a scratch database bh_pgingest_bench_* is
#   created per configuration and dropped after)
set -euo pipefail
cd "$(dirname "$0")/.."
NEW_DLL=${NEW_DLL:-services/Host/bin/Release/net10.0/bh.dll}
BASE_DLL=${BASE_DLL:-}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-10}
PROFILE=${PROFILE:-content}
CONCURRENCY=${CONCURRENCY:-32}
REPLICAS=${REPLICAS:-1 2 3}
PORT=${PORT:-58080}
PG=${PG:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}
WORK=$(mktemp -d)
PIDS=()

psql_admin() { PGPASSWORD=$(grep -oP 'Password=\K[^;]+' <<<"$PG") psql -h "$(grep -oP 'Host=\K[^;]+' <<<"$PG")" \
  -p "$(grep -oP 'Port=\K[^;]+' <<<"$PG" || echo 5432)" -U "$(grep -oP 'Username=\K[^;]+' <<<"$PG")" -d postgres -Atqc "$1"; }
wait_healthy() { # PORT PID LOG; returns 1 when the process exited because a port was taken
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    if ! kill -0 "$2" 2>/dev/null; then grep -q "address already in use" "$3" && return 1; tail -n 40 "$3" >&2; exit 1; fi
    sleep 0.5
  done
  echo "not healthy after 120 s" >&2; exit 1
}
# Starts a process (the command after PORT LOG) and waits for it; the ports here lie in Linux's ephemeral range, so a
# client connection can hold one for a moment: then it tries again.
launch() { # PORT LOG COMMAND…
  local port=$1 log=$2; shift 2
  for _ in 1 2 3 4 5; do
    "$@" >"$log" 2>&1 &
    local pid=$!
    wait_healthy "$port" "$pid" "$log" && { PIDS+=("$pid"); return 0; }
    sleep 2
  done
  echo "port $port stayed taken" >&2; exit 1
}
stop_all() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  PIDS=()
}
# CPU seconds (user + system) a process has used, and all PostgreSQL processes together.
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{ print ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_postgres() { local s=0 pid; for pid in $(pgrep -u postgres); do s=$(awk -v a="$s" -v b="$(cpu_of "$pid")" 'BEGIN { print a + b }'); done; echo "$s"; }
trap 'stop_all; for d in $(psql_admin "SELECT datname FROM pg_database WHERE datname LIKE '"'"'bh_pgingest_bench_%'"'"'" 2>/dev/null); do psql_admin "DROP DATABASE IF EXISTS $d WITH (FORCE)" || true; done; rm -rf "$WORK"' EXIT

# Starts N ingest processes: N=0 means `bh up` embedded on SQLite (one process with every service).
start() { # DLL N DATABASE
  local dll=$1 n=$2 db=$3 i
  if (( n == 0 )); then
    launch "$PORT" "$WORK/up.log" dotnet "$dll" up --data-dir "$WORK/up" --api "127.0.0.1:$PORT" \
      --otlp-http "127.0.0.1:$((PORT + 1))" --otlp-grpc "127.0.0.1:$((PORT + 2))"
    return
  fi
  for i in $(seq 0 $((n - 1))); do
    local base=$((PORT + 3 * i))
    # One at a time: the first creates the schema (the others would wait on its advisory lock anyway).
    launch "$base" "$WORK/r$i.log" dotnet "$dll" run ingest --transport inmemory --storage postgres \
      --storage-connection "$PG;Database=$db" --data-dir "$WORK/r$i" \
      --api "127.0.0.1:$base" --otlp-http "127.0.0.1:$((base + 1))" --otlp-grpc "127.0.0.1:$((base + 2))"
  done
}

run() { # LABEL DLL N
  local label=$1 dll=$2 n=$3 db="" procs=$3 i
  rm -rf "$WORK"/up "$WORK"/r?
  if (( n > 0 )); then db="bh_pgingest_bench_$RANDOM$RANDOM"; psql_admin "CREATE DATABASE $db"; else procs=1; fi
  start "$dll" "$n" "$db"
  local cpu_ingest0=0 cpu_pg0 t0 loads=()
  for pid in "${PIDS[@]}"; do cpu_ingest0=$(awk -v a="$cpu_ingest0" -v b="$(cpu_of "$pid")" 'BEGIN { print a + b }'); done
  cpu_pg0=$(cpu_postgres); t0=$(date +%s.%N)
  for i in $(seq 0 $((procs - 1))); do
    /usr/bin/time -f "%U %S" -o "$WORK/load$i.time" dotnet "$dll" loadgen --profile "$PROFILE" --protocol http \
      --endpoint "http://127.0.0.1:$((PORT + 3 * i + 1))" --duration "$DURATION" --concurrency $((CONCURRENCY / procs)) \
      >"$WORK/load$i.out" 2>/dev/null &
    loads+=($!)
  done
  for pid in "${loads[@]}"; do wait "$pid"; done
  local wall cpu_ingest=0 cpu_pg cpu_load=0 sps=0 rejected=0
  wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  for pid in "${PIDS[@]}"; do cpu_ingest=$(awk -v a="$cpu_ingest" -v b="$(cpu_of "$pid")" 'BEGIN { print a + b }'); done
  cpu_ingest=$(awk -v a="$cpu_ingest" -v b="$cpu_ingest0" 'BEGIN { print a - b }')
  cpu_pg=$(awk -v a="$(cpu_postgres)" -v b="$cpu_pg0" 'BEGIN { print a - b }')
  for i in $(seq 0 $((procs - 1))); do
    sps=$((sps + $(tail -n 1 "$WORK/load$i.out" | grep -oE 'spans_per_sec=[0-9]+' | cut -d= -f2)))
    rejected=$((rejected + $(tail -n 1 "$WORK/load$i.out" | grep -oE 'rejected=[0-9]+' | cut -d= -f2)))
    cpu_load=$(awk -v a="$cpu_load" -v b="$(awk '{ print $1 + $2 }' "$WORK/load$i.time")" 'BEGIN { print a + b }')
  done
  stop_all
  [[ -n "$db" ]] && psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  # CPU over the whole loadgen wall time (warm-up included), in cores; the spans/s are the measured seconds only.
  printf '%-14s %9s %9s %12s %10s %10s %10s %8s\n' "$label" "$(( n > 0 ? n : 1 ))" "$sps" "$(( n > 0 ? sps / n : sps ))" \
    "$(awk -v c="$cpu_ingest" -v w="$wall" 'BEGIN { printf "%.2f", c / w }')" \
    "$(awk -v c="$cpu_pg" -v w="$wall" 'BEGIN { printf "%.2f", c / w }')" \
    "$(awk -v c="$cpu_load" -v w="$wall" 'BEGIN { printf "%.2f", c / w }')" "$rejected"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); profile $PROFILE, $DURATION s, concurrency $CONCURRENCY in all"
printf '%-14s %9s %9s %12s %10s %10s %10s %8s\n' config replicas spans/s per_replica ingest_cpu pg_cpu load_cpu rejected
for _ in $(seq 1 "$ROUNDS"); do
  [[ -n "$BASE_DLL" ]] && run sqlite-base "$BASE_DLL" 0
  run sqlite-new "$NEW_DLL" 0
  for n in $REPLICAS; do run "postgres" "$NEW_DLL" "$n"; done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg). *_cpu = cores used (CPU seconds / wall seconds of the loadgen run)"
