#!/usr/bin/env bash
# Kill test of the optimizer's replicas, as processes: two `bh run optimizer` on one PostgreSQL database and one
# RabbitMQ vhost; an eval run of CASES cases × TRIALS trials (the simulated model, LATENCY_MS per call) is started;
# once it is under way the replica holding its claim is killed with SIGKILL. The other replica must resume it after
# the lease lapses and complete it once: every (case, trial) stored exactly once, one EvalRunFinished, and the same
# number of trials as an undisturbed run of the same request (run first, on the same replicas).
#
# Environment (all optional): CASES=60 TRIALS=3 LATENCY_MS=100 LEASE=00:00:05 PORT_BASE=8180
#   BH_TEST_POSTGRES (Npgsql connection string of the server; a database bh_pgopt_kill_* is created and dropped)
#   RABBIT=amqp://guest:guest@127.0.0.1:5672/pgopt   DLL=services/Host/bin/Release/net10.0/bh.dll (build it first)
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${CASES:-60} TRIALS=${TRIALS:-3} LATENCY_MS=${LATENCY_MS:-100} LEASE=${LEASE:-00:00:05} PORT_BASE=${PORT_BASE:-8180}
SERVER=${BH_TEST_POSTGRES:-"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"}
RABBIT=${RABBIT:-amqp://guest:guest@127.0.0.1:5672/pgopt}
DLL=${DLL:-services/Host/bin/Release/net10.0/bh.dll}
[[ -f "$DLL" ]] || { echo "build the host first: dotnet build -c Release services/Host" >&2; exit 2; }

pg_field() { tr ';' '\n' <<<"$SERVER" | awk -F= -v k="$1" 'tolower($1)==tolower(k){print $2}'; }
export PGHOST=$(pg_field Host) PGPORT=$(pg_field Port) PGUSER=$(pg_field Username) PGPASSWORD=$(pg_field Password)
PGPORT=${PGPORT:-5432}
DB="bh_pgopt_kill_$(date +%s)"
WORK=$(mktemp -d /tmp/pgopt-kill.XXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 2
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  psql -d postgres -qc "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  [[ "${KEEP:-}" == 1 ]] && echo "logs kept in $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
psql -d postgres -qc "CREATE DATABASE \"$DB\""
sql() { psql -d "$DB" -tAqc "$1"; }

CURATION=$((PORT_BASE + 9))
python3 benchmarks/killtest/fake_curation.py "$CURATION" "$CASES" & PIDS+=($!)

declare -A API PID
start_replica() { # name port
  local name=$1 port=$2
  BetterHarness__Storage__Provider=postgres \
  BetterHarness__Storage__ConnectionString="$SERVER;Database=$DB" \
  BetterHarness__QueuePrefix="kill$DB" \
  BetterHarness__RunClaims__Lease="$LEASE" \
  BetterHarness__EvalRuns__CurationBaseUrl="http://127.0.0.1:$CURATION" \
  BetterHarness__EvalRuns__ExportTraces=false \
  BetterHarness__EvalRuns__MaxParallelTrials=2 \
  BetterHarness__Models__simulated__Kind=simulated \
  BetterHarness__Models__simulated__Latency="00:00:00.$(printf '%03d' "$LATENCY_MS")" \
    dotnet "$DLL" run optimizer --api "127.0.0.1:$port" --rabbitmq "$RABBIT" --data-dir "$WORK/$name" >"$WORK/$name.log" 2>&1 &
  PID[$name]=$! API[$name]="http://127.0.0.1:$port"
  PIDS+=($!)
}
start_replica a $((PORT_BASE + 1))
start_replica b $((PORT_BASE + 2))
for name in a b; do
  for _ in $(seq 1 240); do curl -fsS "${API[$name]}/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "${API[$name]}/health" >/dev/null || { echo "replica $name did not start:"; tail -30 "$WORK/$name.log"; exit 1; }
done
echo "replicas up: a pid ${PID[a]} (${API[a]}), b pid ${PID[b]} (${API[b]}); database $DB" >&2

tools='[{"name":"get_reservation_details","description":"Get a reservation.","parameters":{"type":"object","properties":{}}},
        {"name":"cancel_reservation","description":"Cancel a reservation.","parameters":{"type":"object","properties":{}}},
        {"name":"transfer_to_human_agents","description":"Transfer to a human agent.","parameters":{"type":"object","properties":{}}},
        {"name":"search_direct_flight","description":"Search direct flights.","parameters":{"type":"object","properties":{}}}]'
curl -fsS -H 'Content-Type: application/json' -d "{\"agent\":\"airline\",\"instructions\":\"You are an airline agent. Transfer insurance refunds to a human agent.\",\"tools\":$tools}" \
  "${API[a]}/api/harnesses" >/dev/null

start_run() { curl -fsS -H 'Content-Type: application/json' -d "{\"agent\":\"airline\",\"trials\":$TRIALS}" "${API[a]}/api/evalruns" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
status() { sql "SELECT status FROM evalruns.eval_runs WHERE id = '$1'"; }
trials() { sql "SELECT count(*) FROM evalruns.eval_run_trials WHERE run_id = '$1'"; }
wait_done() { # run timeout_s
  for _ in $(seq 1 $(($2 * 2))); do [[ "$(status "$1")" =~ completed|failed ]] && return 0; sleep 0.5; done
  echo "run $1 not finished after $2 s (status $(status "$1"), $(trials "$1") trials)" >&2; return 1
}

# 1. Undisturbed run on both replicas.
clean=$(start_run); t0=$(date +%s.%N)
wait_done "$clean" 600
clean_s=$(echo "$(date +%s.%N) - $t0" | bc)
clean_trials=$(trials "$clean")
echo "undisturbed: run $clean $(status "$clean"), $clean_trials trials in ${clean_s}s" >&2

# 2. The same request; the replica holding it is killed once a third of it is done.
run=$(start_run); total=$((CASES * TRIALS))
for _ in $(seq 1 1200); do
  [[ $(trials "$run") -ge $((total / 3)) && -n "$(sql "SELECT claimed_by FROM evalruns.eval_runs WHERE id = '$run'")" ]] && break; sleep 0.1
done
holder=$(sql "SELECT claimed_by FROM evalruns.eval_runs WHERE id = '$run'")
holder_pid=$(cut -d/ -f2 <<<"$holder")
victim=a; [[ "$holder_pid" == "${PID[b]}" ]] && victim=b
survivor=b; [[ $victim == b ]] && survivor=a
[[ "$holder_pid" == "${PID[$victim]}" ]] || { echo "claim holder '$holder' is neither replica" >&2; exit 1; }
done_at_kill=$(trials "$run")
kill -KILL "${PID[$victim]}"; killed_at=$(date +%s.%N)
echo "killed replica $victim (pid $holder_pid) holding $run at $done_at_kill/$total trials" >&2
for _ in $(seq 1 1200); do
  [[ $(sql "SELECT coalesce(claimed_by, '') FROM evalruns.eval_runs WHERE id = '$run'") == *"/${PID[$survivor]}/"* || "$(status "$run")" == completed ]] && break
  sleep 0.1
done
resumed_s=$(echo "$(date +%s.%N) - $killed_at" | bc)
wait_done "$run" 600
finished_s=$(echo "$(date +%s.%N) - $killed_at" | bc)

stored=$(trials "$run")
distinct=$(sql "SELECT count(DISTINCT (case_id, trial)) FROM evalruns.eval_run_trials WHERE run_id = '$run'")
finished=$(sql "SELECT count(*) FROM evalruns.outbox_messages WHERE message_type LIKE '%.EvalRunFinished' AND payload LIKE '%$run%'")
lost=$((total - distinct)); duplicated=$((stored - distinct))
echo "killtest: cases=$CASES trials=$TRIALS lease=$LEASE undisturbed=${clean_trials} trials/${clean_s}s" \
     "killed_at=$done_at_kill/$total resumed_by=$survivor after ${resumed_s}s finished ${finished_s}s after the kill" \
     "status=$(status "$run") stored=$stored lost=$lost duplicated=$duplicated finished_facts=$finished"
[[ "$(status "$run")" == completed && $lost -eq 0 && $duplicated -eq 0 && $finished -eq 1 && $stored -eq $clean_trials ]]
