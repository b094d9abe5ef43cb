#!/usr/bin/env bash
# Clustering: (1) the engine in-process on synthetic failures (`bh clusters bench`: store + embed, online
# assignment throughput, full re-clustering time, id stability), (2) completion → cluster assignment latency
# in a running pipeline (`bh up` on a scratch data dir, `bh clusters bench latency`).
#
# Environment (all optional):
#   FAILURES=100000       synthetic failures for the in-process run
#   TRACES=2000 RATE=50   failing traces sent over OTLP for the latency run, and their rate per second
#   API_PORT=18080 OTLP_HTTP_PORT=14318 OTLP_GRPC_PORT=14317
#   KEEP_DATA=1           keep the scratch data dir (its path is printed) instead of deleting it
set -euo pipefail
cd "$(dirname "$0")/.."

FAILURES=${FAILURES:-100000}
TRACES=${TRACES:-2000}
RATE=${RATE:-50}
API_PORT=${API_PORT:-18080}
OTLP_HTTP_PORT=${OTLP_HTTP_PORT:-14318}
OTLP_GRPC_PORT=${OTLP_GRPC_PORT:-14317}
source benchmarks/server.sh

echo "== in-process: $FAILURES synthetic failures" >&2
dotnet "$DLL" clusters bench --failures "$FAILURES"

start_server

echo "== pipeline: $TRACES failing traces at $RATE/s (quiet window 3 s)" >&2
dotnet "$DLL" clusters bench latency --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" --api "http://127.0.0.1:$API_PORT" \
  --traces "$TRACES" --rate "$RATE"
