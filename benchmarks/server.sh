# Sourced by the benchmark scripts: build once, start `bh up` on a scratch data dir, wait until healthy,
# stop it (and remove the data unless KEEP_DATA=1) on exit. Needs API_PORT, OTLP_HTTP_PORT, OTLP_GRPC_PORT.
DLL=services/Host/bin/Release/net10.0/bh.dll

echo "building (Release)…" >&2
dotnet build -c Release services/Host -nologo -v quiet >&2

start_server() {
  DATA=$(mktemp -d)
  LOG="$DATA/bh-up.log"
  dotnet "$DLL" up --data-dir "$DATA" --api "127.0.0.1:$API_PORT" \
    --otlp-http "127.0.0.1:$OTLP_HTTP_PORT" --otlp-grpc "127.0.0.1:$OTLP_GRPC_PORT" >"$LOG" 2>&1 &
  SERVER=$!
  trap stop_server EXIT
  echo "waiting for http://127.0.0.1:$API_PORT/health …" >&2
  for i in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$SERVER" 2>/dev/null; then
      echo "bh up exited before it became healthy; its log:" >&2; tail -n 40 "$LOG" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "bh up not healthy after 60 s; its log:" >&2; tail -n 40 "$LOG" >&2; exit 1
}

stop_server() {
  if kill -0 "$SERVER" 2>/dev/null; then
    kill -TERM "$SERVER" 2>/dev/null || true
    # Give the host its graceful shutdown; a hung one must not leave the ports taken.
    for _ in $(seq 1 20); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER" 2>/dev/null || true
  fi
  if [[ "${KEEP_DATA:-}" == 1 ]]; then echo "data and server log kept in $DATA" >&2; else rm -rf "$DATA"; fi
}
