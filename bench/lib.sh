# Shared helpers for bench/ingest.sh and bench/migration.sh (sourced, not run).
# Builds the service, starts it on a temp data dir with non-default ports, stops it again.

BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BENCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
BENCH_CONTROLLER_PORT=${BENCH_CONTROLLER_PORT:-19093}
SERVICE_PID=""
SAMPLER_PID=""
BENCH_TMP=""

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

bench_init() {
  BENCH_TMP=$(mktemp -d /tmp/dim-bench.XXXXXX)
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  for p in "$BENCH_HTTP_PORT" "$BENCH_KAFKA_PORT" "$BENCH_CONTROLLER_PORT"; do
    if ! port_free "$p"; then
      echo "port $p on 127.0.0.1 is already in use; set BENCH_HTTP_PORT/BENCH_KAFKA_PORT/BENCH_CONTROLLER_PORT" >&2
      exit 1
    fi
  done
}

bench_build() {
  log "building (mvn -q -B compile)"
  mvn -q -B compile >&2
  mvn -q -B dependency:build-classpath -Dmdep.outputFile="$BENCH_TMP/classpath.txt" >&2
  CLASSPATH_DEPS=$(cat "$BENCH_TMP/classpath.txt")
  SERVICE_CP="target/classes:$CLASSPATH_DEPS"
}

# starts the service with its data under $BENCH_TMP/data and waits for /health = 200
bench_start_service() {
  export DIM_DATA_DIR="$BENCH_TMP/data"
  mkdir -p "$DIM_DATA_DIR"
  log "starting the service (data dir $DIM_DATA_DIR, http $BENCH_HTTP_PORT, kafka $BENCH_KAFKA_PORT/$BENCH_CONTROLLER_PORT)"
  # CAMEL_SERVER_PORT is the documented knob; -Dcamel.server.port is passed as well because
  # Camel Main 4.17 does not map CAMEL_SERVER_* environment variables (see README caveats).
  CAMEL_SERVER_PORT=$BENCH_HTTP_PORT \
  DIM_KAFKA_EMBEDDED_PORT=$BENCH_KAFKA_PORT \
  DIM_KAFKA_EMBEDDED_CONTROLLER_PORT=$BENCH_CONTROLLER_PORT \
    java ${SERVICE_JAVA_OPTS:-} -Dcamel.server.port="$BENCH_HTTP_PORT" -cp "$SERVICE_CP" routes.Application \
    >"$BENCH_TMP/service.log" 2>&1 &
  SERVICE_PID=$!
  local deadline=$((SECONDS + 120))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$BENCH_HTTP_PORT/health")" = 200 ]; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "the service exited during start-up; last log lines:" >&2; tail -30 "$BENCH_TMP/service.log" >&2; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "the service did not answer /health with 200 within 120 s; last log lines:" >&2
      tail -30 "$BENCH_TMP/service.log" >&2; exit 1
    fi
    sleep 0.5
  done
  log "service up (pid $SERVICE_PID)"
}

bench_stop_service() {
  [ -n "$SERVICE_PID" ] || return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "stopping the service (pid $SERVICE_PID)"
    kill "$SERVICE_PID" 2>/dev/null
    local i
    for i in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
      log "still running after 60 s; sending SIGKILL"
      kill -9 "$SERVICE_PID" 2>/dev/null
    fi
  fi
  wait "$SERVICE_PID" 2>/dev/null
  SERVICE_PID=""
}

bench_cleanup() {
  local rc=$?
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null; fi
  bench_stop_service
  if [ -n "$BENCH_TMP" ] && [ -d "$BENCH_TMP" ]; then
    if [ "$rc" -ne 0 ] && [ -f "$BENCH_TMP/service.log" ]; then
      cp "$BENCH_TMP/service.log" "/tmp/dim-bench-failed-service-$$.log" 2>/dev/null \
        && log "service log kept at /tmp/dim-bench-failed-service-$$.log"
    fi
    rm -rf "$BENCH_TMP"
  fi
  exit "$rc"
}

# the service's errors/warnings worth a look, printed after a run
bench_log_summary() {
  local n
  n=$(grep -cE ' (ERROR|WARN) ' "$BENCH_TMP/service.log" || true)
  log "service log: $n WARN/ERROR lines"
  grep -E ' ERROR ' "$BENCH_TMP/service.log" | head -5 | cut -c1-300 >&2 || true
}
