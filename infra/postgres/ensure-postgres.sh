#!/usr/bin/env bash
# Makes sure a PostgreSQL server for the tests answers on 127.0.0.1:${BH_PG_PORT:-55432}: installs Debian's
# `postgresql` package if it is missing, creates a scratch cluster (initdb) in ${BH_PG_DIR:-/var/tmp/bh-postgres}
# that listens on loopback only, starts it and waits until it is ready. Its own directory and port, so it never
# touches a cluster the machine already runs (Debian's 15/main on 5432, say). A test server: fsync is off.
# Idempotent; needs root (as on CI). Prints the connection string the tests take from BH_TEST_POSTGRES.
set -euo pipefail
PORT="${BH_PG_PORT:-55432}"
DIR="${BH_PG_DIR:-/var/tmp/bh-postgres}"
CONNECTION="Host=127.0.0.1;Port=${PORT};Username=postgres;Password=postgres;Database=bh_test"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; }

if port_open; then echo "postgres: already listening on 127.0.0.1:${PORT}" >&2; echo "$CONNECTION"; exit 0; fi
if [[ $(id -u) -ne 0 ]]; then echo "postgres: not running and not root; start a server and set BH_TEST_POSTGRES" >&2; exit 1; fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgres: installing the Debian package…" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The package's post-install would start its own cluster; policy-rc.d keeps it stopped (the tests use their own).
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

if [[ ! -f "$DIR/PG_VERSION" ]]; then
  echo "postgres: creating a scratch cluster in $DIR…" >&2
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR"
  chmod 0700 "$DIR"
  PWFILE="$(mktemp)"; echo postgres > "$PWFILE"; chown postgres "$PWFILE"
  runuser -u postgres -- "$BIN/initdb" -D "$DIR" -U postgres --pwfile="$PWFILE" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  rm -f "$PWFILE"
  cat >> "$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = ${PORT}
unix_socket_directories = '${DIR}'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

echo "postgres: starting (loopback only, port ${PORT})…" >&2
runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start >/dev/null
for _ in $(seq 1 30); do port_open && { echo "postgres: ready" >&2; echo "$CONNECTION"; exit 0; }; sleep 1; done
echo "postgres: did not start within 30 s; see $DIR/server.log" >&2
exit 1
