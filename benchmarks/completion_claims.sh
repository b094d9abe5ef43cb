#!/usr/bin/env bash
# Trace completion across ingest replicas, the two ways to hand a due trace to exactly one replica, measured with pgbench
# on the ingest schema (Migrations/postgres/001_ingest.sql) holding TRACES due traces:
#   claim     — what ingest does: UPDATE … WHERE trace_id IN (SELECT … LIMIT 128 FOR UPDATE SKIP LOCKED) RETURNING, a lease
#               written on each row (claimed rows are made claimable again at once, so every batch does the full work);
#   partition — each replica reads only its share, hashtext(trace_id) mod N = its index: no write, but a fixed membership.
# Prints due traces handed out per second with 1 and 2 concurrent sweepers (each a batch of 128, as the worker's).
# Environment (optional): TRACES=100000 DURATION=10 PG="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"
set -euo pipefail
cd "$(dirname "$0")/.."
TRACES=${TRACES:-100000}
DURATION=${DURATION:-10}
PG=${PG:-Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres}
export PGHOST=$(grep -oP 'Host=\K[^;]+' <<<"$PG") PGPORT=$(grep -oP 'Port=\K[^;]+' <<<"$PG" || echo 5432)
export PGUSER=$(grep -oP 'Username=\K[^;]+' <<<"$PG") PGPASSWORD=$(grep -oP 'Password=\K[^;]+' <<<"$PG")
DB="bh_pgingest_claims_$RANDOM$RANDOM"
WORK=$(mktemp -d)
trap 'psql -d postgres -Atqc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true; rm -rf "$WORK"' EXIT
psql -d postgres -Atqc "CREATE DATABASE $DB"
export PGOPTIONS="-c search_path=ingest"
psql -d "$DB" -Atq -c "CREATE SCHEMA ingest" -f services/Ingest/BetterHarness.Ingest/Storage/Migrations/postgres/001_ingest.sql
psql -d "$DB" -Atq -c "INSERT INTO traces (trace_id, first_seen_ms, last_span_ms, root_ended, span_count)
  SELECT md5(i::text), 1000, 1000, 1, 20 FROM generate_series(1, $TRACES) i" -c "VACUUM ANALYZE traces"

COLUMNS="trace_id, state, first_seen_ms, last_span_ms, root_ended, span_count, revision, version, failed, corrected"
DUE="state IN (0, 2) AND state = 0 AND root_ended = 1 AND last_span_ms <= 2000"
cat >"$WORK/claim.sql" <<SQL
UPDATE traces SET claimed_by = gen_random_uuid(), claimed_until_ms = 0
WHERE trace_id IN (SELECT trace_id FROM traces WHERE $DUE AND (claimed_by IS NULL OR claimed_until_ms < 1)
                   LIMIT 128 FOR UPDATE SKIP LOCKED)
RETURNING $COLUMNS;
SQL
for n in 1 2; do
  cat >"$WORK/partition$n.sql" <<SQL
\set k random(0, $((n - 1)))
SELECT $COLUMNS FROM traces WHERE $DUE AND abs(hashtext(trace_id)) % $n = :k LIMIT 128;
SQL
done

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $TRACES due traces, batches of 128, $DURATION s each"
printf '%-10s %9s %16s %14s\n' method sweepers traces/s us/trace
for method in claim partition; do
  for n in 1 2; do
    file="$WORK/claim.sql"; [[ $method == partition ]] && file="$WORK/partition$n.sql"
    tps=$(pgbench -n -c "$n" -j "$n" -T "$DURATION" -f "$file" "$DB" 2>/dev/null | grep -oP 'tps = \K[0-9.]+' | head -n 1)
    printf '%-10s %9s %16.0f %14.1f\n' "$method" "$n" "$(awk -v t="$tps" 'BEGIN { print t * 128 }')" \
      "$(awk -v t="$tps" -v n="$n" 'BEGIN { print 1e6 * n / (t * 128) }')"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
