#!/usr/bin/env bash
# Eval runs (`bh evals bench`, in-process, no server needed):
#  (1) the simulated model on CASES synthetic cases × TRIALS trials: throughput (trials/s) and runner overhead per
#      (case, trial) outside model time — a cold pass (every case text embedded by MiniLM) and a warm pass (cached);
#  (2) a local OpenAI-compatible Chat Completions server with LATENCY_MS per request that answers 429/500 at random
#      (ERROR_RATE): throughput at MaxConcurrency CONCURRENCY, and an exact check that every answered request is
#      counted once (model calls and input tokens served = counted) and every (case, trial) has one result.
#
# Environment (all optional): CASES=1000 TRIALS=3 LATENCY_MS=200 CONCURRENCY=16 ERROR_RATE=0.1 SERVER_CASES=200
set -euo pipefail
cd "$(dirname "$0")/.."
./bh evals bench --cases "${CASES:-1000}" --trials "${TRIALS:-3}" --latency-ms "${LATENCY_MS:-200}" \
  --concurrency "${CONCURRENCY:-16}" --error-rate "${ERROR_RATE:-0.1}" --server-cases "${SERVER_CASES:-200}"
