#!/usr/bin/env bash
# Curation: the eval store under 1,000+ cases in a running `bh up` (scratch data dir): one import of CASES cases,
# then EDITS single edits (each a new revision and a new snapshot of the whole active set), then the reads a UI
# and the eval runner make (list, composition, snapshot export). Prints p50/p95 per operation.
#
# Environment (all optional):
#   CASES=1000 EDITS=200
#   API_PORT=18080 OTLP_HTTP_PORT=14318 OTLP_GRPC_PORT=14317
#   KEEP_DATA=1           keep the scratch data dir (its path is printed) instead of deleting it
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-1000}
EDITS=${EDITS:-200}
API_PORT=${API_PORT:-18080}
OTLP_HTTP_PORT=${OTLP_HTTP_PORT:-14318}
OTLP_GRPC_PORT=${OTLP_GRPC_PORT:-14317}
source benchmarks/server.sh

start_server
python3 benchmarks/curation_load.py "http://127.0.0.1:$API_PORT" "$CASES" "$EDITS"
