#!/usr/bin/env bash
# Ingest throughput: builds once, starts `bh up` on a scratch data dir, runs `bh loadgen` three ways
# (small/http, content/http, small/grpc) and prints one table. See benchmarks/README.md for the figures.
#
# Environment (all optional):
#   DURATION=20           measured seconds per run (each run adds a 2 s warm-up and a 2 s parse-only pass)
#   CONCURRENCY=32        requests in flight (many agents export at once; one exporter sends one batch at a time)
#   SETTLE=5              seconds between runs so the server finishes the previous run's traces
#   API_PORT=8080 OTLP_HTTP_PORT=4318 OTLP_GRPC_PORT=4317
#   KEEP_DATA=1           keep the scratch data dir (its path is printed) instead of deleting it
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
CONCURRENCY=${CONCURRENCY:-32}
SETTLE=${SETTLE:-5}
API_PORT=${API_PORT:-8080}
OTLP_HTTP_PORT=${OTLP_HTTP_PORT:-4318}
OTLP_GRPC_PORT=${OTLP_GRPC_PORT:-4317}
source benchmarks/server.sh
start_server

# field KEY TEXT: the value of KEY=VALUE in TEXT (whole-word key, last occurrence).
field() { grep -oE "(^| )$1=[^ ]+" <<<"$2" | tail -n 1 | cut -d= -f2; }

ROWS=()
run() {
  local name=$1 profile=$2 protocol=$3 port=$4 out
  echo "== $name ==" >&2
  # stdout carries the figures; progress goes to stderr and is shown as it happens.
  out=$(dotnet "$DLL" loadgen --profile "$profile" --protocol "$protocol" --endpoint "http://127.0.0.1:$port" \
          --duration "$DURATION" --concurrency "$CONCURRENCY") || { echo "loadgen $name failed" >&2; return 1; }
  echo "$out" >&2
  local drain
  drain=$(drain_rate)
  ROWS+=("$(printf '%-13s %12s %8s %8s %8s %9s %10s %14s %9s %12s' "$name" \
    "$(field spans_per_sec "$out")" "$(field mb_per_sec "$out")" "$(field p50_ms "$out")" "$(field p99_ms "$out")" \
    "$(field rejected "$out")" "$(field throttled "$out")" "$(field parse_only_spans_per_sec "$out")" \
    "$(field durable_vs_parse_only "$out")" "$drain")")
  sleep "$SETTLE"
}

# Traces evaluated per second while the backlog the run left behind drains (evaluation yields to ingest
# while requests queue, so most of a run's traces are evaluated after it).
open_traces() { curl -fsS "http://127.0.0.1:$API_PORT/api/traces/stats" | grep -oE '"openTraces":[0-9]+' | cut -d: -f2; }
drain_rate() {
  local first last start now
  first=$(open_traces); start=$(date +%s.%N)
  for _ in $(seq 1 600); do last=$(open_traces); (( last == 0 )) && break; sleep 0.5; done
  now=$(date +%s.%N)
  awk -v n="$((first - last))" -v s="$start" -v e="$now" 'BEGIN { d = e - s; if (d < 0.5) d = 0.5; printf "%d", n / d }'
}

run small/http   small   http "$OTLP_HTTP_PORT"
run content/http content http "$OTLP_HTTP_PORT"
run small/grpc   small   grpc "$OTLP_GRPC_PORT"

echo
printf '%-13s %12s %8s %8s %8s %9s %10s %14s %9s %12s\n' run spans/s MB/s p50_ms p99_ms rejected throttled parse_only/s ratio evaluated/s
printf '%s\n' "${ROWS[@]}"
echo "($DURATION s measured per run, concurrency $CONCURRENCY, $(nproc) cores shared by server and client)"
