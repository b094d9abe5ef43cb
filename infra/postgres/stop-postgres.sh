#!/usr/bin/env bash
# Stops the scratch server ensure-postgres.sh started (its data stays in the directory for the next run).
set -euo pipefail
DIR="${BH_PG_DIR:-/var/tmp/bh-postgres}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -f "$DIR/postmaster.pid" && -n "$BIN" ]] && runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null || true
