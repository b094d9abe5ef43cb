#!/usr/bin/env bash
# Cost of harness attribution on the ingest path, as ratios measured in one run: this tree with attribution on, the
# same with it off (BetterHarness__Ingest__HarnessAttribution=false), and the previous main (BASE, default the
# merge-base with main) — built both, then run alternately ROUNDS times, each on a fresh data dir with the agent's two
# harness versions stored, under `bh loadgen --profile harness` (content traces carrying instructions and tools; half
# templated, so attribution takes its near-match path). Prints spans/s and traces evaluated/s per run, the medians and
# the ratios on/off and on/base.
#
# Environment (all optional): BASE=<commit> ROUNDS=3 DURATION=15 CONCURRENCY=32 SETTLE=3
#   API_PORT=48080 OTLP_HTTP_PORT=48081 OTLP_GRPC_PORT=48082
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
CONCURRENCY=${CONCURRENCY:-32}
SETTLE=${SETTLE:-3}
API_PORT=${API_PORT:-48080}
OTLP_HTTP_PORT=${OTLP_HTTP_PORT:-48081}
OTLP_GRPC_PORT=${OTLP_GRPC_PORT:-48082}
BASE=${BASE:-$(git merge-base HEAD main)}
HERE_DLL=services/Host/bin/Release/net10.0/bh.dll
BASE_DIR=$(mktemp -d)
trap 'git worktree remove --force "$BASE_DIR" >/dev/null 2>&1 || rm -rf "$BASE_DIR"' EXIT

echo "building this tree and $BASE (Release)…" >&2
dotnet build -c Release services/Host -nologo -v quiet >&2
git worktree add --detach "$BASE_DIR" "$BASE" >/dev/null 2>&1
dotnet build -c Release "$BASE_DIR/services/Host" -nologo -v quiet >&2
BASE_DLL="$BASE_DIR/services/Host/bin/Release/net10.0/bh.dll"

field() { grep -oE "(^| )$1=[^ ]+" <<<"$2" | tail -n 1 | cut -d= -f2; }
open_traces() { curl -fsS "http://127.0.0.1:$API_PORT/api/traces/stats" | grep -oE '"openTraces":[0-9]+' | cut -d: -f2; }

# The two versions the harness profile's traces are of (HarnessProfile.Instructions, and it plus one sentence).
INSTRUCTIONS='You are the support agent of an online shop. The current time is 2026-12-07 09:00 UTC.
Look the order up before you answer any question about it, and quote the order number back to the customer.
Only change an address after the customer confirms the new one in full; never guess a street or a postcode.
Search the documentation before you say a product cannot do something, and cite the page you found.
Make one tool call at a time and wait for its result before you call another tool or answer the customer.
If a request is outside what your tools can do, say so plainly and offer to hand the conversation to a person.
Keep answers short: two or three sentences unless the customer asks for detail. Do not invent order states.
Refunds over one hundred euros need a person'"'"'s approval; tell the customer it is on its way and why it waits.
Be polite and direct. Do not apologise more than once in a conversation, and never blame the customer.'
version_body() {
  python3 - "$1" <<'PY'
import json, sys
params = {"type": "object", "properties": {"query": {"type": "string"}, "limit": {"type": "integer"}}}
tools = [("lookup_order", "Look up an order by its number: items, state, delivery address and tracking."),
         ("search_docs", "Search the product documentation; returns the best matching pages with a short excerpt."),
         ("get_reservation", "Get a reservation (a held item) by id: what, until when, for whom."),
         ("update_address", "Change the delivery address of an order that has not shipped yet.")]
print(json.dumps({"agent": "support-agent", "instructions": sys.argv[1],
                  "tools": [{"name": n, "description": d, "parameters": params} for n, d in tools]}))
PY
}

run_one() { # NAME DLL [env…]
  local name=$1 dll=$2; shift 2
  local data; data=$(mktemp -d)
  env "$@" dotnet "$dll" up --data-dir "$data" --api "127.0.0.1:$API_PORT" \
    --otlp-http "127.0.0.1:$OTLP_HTTP_PORT" --otlp-grpc "127.0.0.1:$OTLP_GRPC_PORT" >"$data/bh-up.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  for body in "$INSTRUCTIONS" "$INSTRUCTIONS
When a customer asks where an order is, give the tracking link before anything else."; do
    version_body "$body" | curl -fsS -X POST "http://127.0.0.1:$API_PORT/api/harnesses" -H 'Content-Type: application/json' -d @- >/dev/null
  done
  sleep 1 # the versions reach ingest through the outbox and the bus
  local out; out=$(dotnet "$HERE_DLL" loadgen --profile harness --protocol http --endpoint "http://127.0.0.1:$OTLP_HTTP_PORT" \
    --duration "$DURATION" --concurrency "$CONCURRENCY" 2>/dev/null)
  local first last start now
  first=$(open_traces); start=$(date +%s.%N)
  for _ in $(seq 1 600); do last=$(open_traces); (( last == 0 )) && break; sleep 0.5; done
  now=$(date +%s.%N)
  local drain; drain=$(awk -v n="$((first - last))" -v s="$start" -v e="$now" 'BEGIN { d = e - s; if (d < 0.5) d = 0.5; printf "%d", n / d }')
  local by=-; [[ $name == base ]] || by=$(curl -fsS "http://127.0.0.1:$API_PORT/api/traces?agent=support-agent&attribution=content&limit=10000" | grep -oE '"count":[0-9]+' | cut -d: -f2 || echo 0)
  kill -TERM "$server"; for _ in $(seq 1 20); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done; kill -KILL "$server" 2>/dev/null || true
  rm -rf "$data"
  printf '%s %s %s %s\n' "$name" "$(field spans_per_sec "$out")" "$drain" "${by:-0}"
  sleep "$SETTLE"
}

RESULTS=()
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r ==" >&2
  RESULTS+=("$(run_one base "$BASE_DLL")")
  RESULTS+=("$(run_one on "$HERE_DLL")")
  RESULTS+=("$(run_one off "$HERE_DLL" BetterHarness__Ingest__HarnessAttribution=false)")
  printf '%s\n' "${RESULTS[@]: -3}" >&2
done

printf '%s\n' "${RESULTS[@]}" | awk -v base="$BASE" '
  { spans[$1] = spans[$1] " " $2; evals[$1] = evals[$1] " " $3; by[$1] = by[$1] " " $4 }
  function median(list,   a, n, i, j, t) { n = split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END {
    printf "%-5s %-28s %-28s %s\n", "build", "spans/s (runs)", "evaluated/s (runs)", "attributed by content (last run each)"
    for (k in spans) printf "%-5s %-28s %-28s %s\n", k, spans[k], evals[k], by[k]
    printf "median spans/s  base %d  on %d  off %d   ratio on/base %.3f  on/off %.3f\n", median(spans["base"]), median(spans["on"]), median(spans["off"]),
      median(spans["on"]) / median(spans["base"]), median(spans["on"]) / median(spans["off"])
    printf "median evaluated/s  base %d  on %d  off %d   ratio on/base %.3f  on/off %.3f\n", median(evals["base"]), median(evals["on"]), median(evals["off"]),
      median(evals["on"]) / median(evals["base"]), median(evals["on"]) / median(evals["off"])
    printf "(base = %s; %d s measured per run)\n", base, '"$DURATION"'
  }'
