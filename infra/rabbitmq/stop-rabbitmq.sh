#!/usr/bin/env bash
# Stops the broker started by ensure-rabbitmq.sh (by the PID file the node writes).
set -euo pipefail
for pidfile in /var/lib/rabbitmq/mnesia/rabbit@*.pid; do
  [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
done
