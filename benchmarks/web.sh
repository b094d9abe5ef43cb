#!/usr/bin/env bash
# Web UI page times: starts `bh up` on a scratch data dir, seeds it (bulk traces from `bh loadgen`, then a
# replay of real conversations so there are clusters, candidates and cases), and prints p50/p95 server time
# (time to first byte over loopback) per page.
#   LOADGEN_SECONDS=60 REQUESTS=50 benchmarks/web.sh
#   REPLAY=path/to/file.otlp.jsonl benchmarks/web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
API_PORT=${API_PORT:-18580} OTLP_HTTP_PORT=${OTLP_HTTP_PORT:-18518} OTLP_GRPC_PORT=${OTLP_GRPC_PORT:-18517}
REQUESTS=${REQUESTS:-30}
LOADGEN_SECONDS=${LOADGEN_SECONDS:-20}
REPLAY=${REPLAY:-../shared/data/taubench-airline.otlp.jsonl}
API="http://127.0.0.1:$API_PORT"
source benchmarks/server.sh
start_server

echo "seeding: $LOADGEN_SECONDS s of bh loadgen (content profile)…" >&2
dotnet "$DLL" loadgen --protocol http --profile content --duration "$LOADGEN_SECONDS" \
  --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" >/dev/null 2>&1 || echo "loadgen failed; continuing with what is stored" >&2
if [[ -f "$REPLAY" ]]; then
  echo "seeding: replay $REPLAY…" >&2
  dotnet "$DLL" replay "$REPLAY" --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" --api "$API" --wait >/dev/null 2>&1 || true
fi
# Accept a share of the queue so the eval store and the audit log have content.
ids=$(curl -fsS "$API/api/review?status=pending&limit=200" | grep -o '"candidateId":"[^"]*"' | cut -d'"' -f4 | head -n 100 || true)
if [[ -n "$ids" ]]; then
  body=$(printf '%s\n' $ids | awk 'BEGIN{printf "{\"action\":\"accept\",\"candidateIds\":["} {printf "%s\"%s\"", (NR>1?",":""), $0} END{printf "]}"}')
  curl -fsS -X POST "$API/api/review/bulk" -H 'Content-Type: application/json' -d "$body" >/dev/null || true
fi

stats=$(curl -fsS "$API/api/traces/stats")
cands=$(curl -fsS "$API/api/candidates?limit=10000" | grep -o '"id":"cand_' | wc -l)
cases=$(curl -fsS "$API/api/evals?limit=100000" | grep -o '"sourceCandidateId"' | wc -l)
cluster=$(curl -fsS "$API/api/clusters?limit=1" | grep -o '"id":"fc-[^"]*"' | head -n1 | cut -d'"' -f4)
trace=$(curl -fsS "$API/api/traces?signal=user_correction&limit=1" | grep -o '"traceId":"[^"]*"' | head -n1 | cut -d'"' -f4)
cand=$(curl -fsS "$API/api/candidates?limit=1" | grep -o '"id":"cand_[^"]*"' | head -n1 | cut -d'"' -f4)
case_id=$(curl -fsS "$API/api/evals?limit=1" | grep -o '"id":"[^"]*"' | head -n1 | cut -d'"' -f4)
echo "data: $stats candidates=$cands cases=$cases"

pages=("/" "/clusters" "/clusters/$cluster" "/traces" "/traces?signal=user_correction" "/traces/$trace"
       "/candidates/$cand" "/review" "/evals" "/evals/$case_id" "/audit")
printf '%-34s %8s %8s %8s\n' page p50_ms p95_ms status
for page in "${pages[@]}"; do
  curl -s -o /dev/null "$API$page" || true   # warm-up
  times=()
  code=0
  for _ in $(seq 1 "$REQUESTS"); do
    read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$API$page")
    times+=("$t")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  p50=$(echo "$sorted" | awk -v n="$REQUESTS" 'NR==int((n+1)/2){printf "%.1f", $1*1000}')
  p95=$(echo "$sorted" | awk -v n="$REQUESTS" 'NR==int(n*0.95+0.999){printf "%.1f", $1*1000}')
  printf '%-34s %8s %8s %8s\n' "${page:0:34}" "$p50" "$p95" "$code"
done
