# Shared helpers for bench/ingest.sh and bench/migration.sh (sourced from the repo root, not run).
#
# bench_enter   builds the service (mvn compile + classpath), then, when the kernel allows it (root or
#               unprivileged user namespaces), re-runs the calling script inside a private network
#               namespace that has only loopback: the benchmark cannot clash with other runs' ports and
#               cannot touch the network. BENCH_NETNS=0 turns that off.
# bench_start_service / bench_stop_service   start the service on a temp data dir with non-default
#               ports, wait for /health = 200; stop it (SIGTERM, wait, SIGKILL after 60 s).
# An EXIT trap stops the service and removes the temp dir, whatever happens.

BENCH_HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BENCH_KAFKA_PORT=${BENCH_KAFKA_PORT:-19092}
BENCH_CONTROLLER_PORT=${BENCH_CONTROLLER_PORT:-19093}
SERVICE_PID=""
BENCH_TMP=${BENCH_TMP:-}

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

bench_cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  bench_stop_service
  bench_stop_postgres
  if [ -n "$BENCH_TMP" ] && [ -d "$BENCH_TMP" ]; then
    if [ "$rc" -ne 0 ] && [ -f "$BENCH_TMP/service.log" ]; then
      cp "$BENCH_TMP/service.log" "/tmp/dim-bench-failed-service-$$.log" 2>/dev/null \
        && log "exit $rc; the service log is kept at /tmp/dim-bench-failed-service-$$.log"
    fi
    rm -rf "$BENCH_TMP"
  fi
  exit "$rc"
}

# usage: bench_enter "$SCRIPT_PATH" "$@"
bench_enter() {
  local script=$1; shift
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ -z "${BENCH_INNER:-}" ]; then
    BENCH_TMP=$(mktemp -d /tmp/dim-bench.XXXXXX)
    log "building: mvn -q -B compile; mvn -q -B dependency:build-classpath"
    bench_revision >"$BENCH_TMP/revision.txt"
    mvn -q -B ${BENCH_MVN_ARGS:-} compile >&2
    mvn -q -B ${BENCH_MVN_ARGS:-} dependency:build-classpath -Dmdep.outputFile="$BENCH_TMP/classpath.txt" >&2
    local ns=""
    if [ "${BENCH_NETNS:-1}" != 0 ]; then
      # root can unshare the network directly; an ordinary user needs a user namespace as well
      if unshare --net true 2>/dev/null; then ns="unshare --net"
      elif unshare --net --map-root-user true 2>/dev/null; then ns="unshare --net --map-root-user"
      fi
    fi
    if [ -n "$ns" ]; then
      log "continuing inside a private network namespace ($ns; loopback only)"
      trap - EXIT INT TERM # the inner run cleans up
      exec $ns env BENCH_INNER=1 BENCH_NETNS_ACTIVE=1 BENCH_TMP="$BENCH_TMP" bash "$script" "$@"
    fi
    log "no private network namespace (BENCH_NETNS=0 or unshare not permitted): using the host's loopback"
  else
    ip link set lo up 2>/dev/null || { log "cannot bring loopback up in the namespace"; exit 1; }
  fi
  SERVICE_CP="target/classes:$(cat "$BENCH_TMP/classpath.txt")"
  for p in "$BENCH_HTTP_PORT" "$BENCH_KAFKA_PORT" "$BENCH_CONTROLLER_PORT"; do
    if ! port_free "$p"; then
      log "port $p on 127.0.0.1 is in use; set BENCH_HTTP_PORT / BENCH_KAFKA_PORT / BENCH_CONTROLLER_PORT"
      exit 1
    fi
  done
}

# starts the service with its data under $BENCH_TMP/data and waits for /health = 200
bench_start_service() {
  _bench_try_start "$BENCH_HTTP_PORT" && return 0
  log "the service did not start; last log lines:"
  grep -vE '^\s+at ' "$BENCH_TMP/service.log" | tail -25 >&2
  exit 1
}

_bench_try_start() {
  local port=$1
  export DIM_DATA_DIR="$BENCH_TMP/data"
  rm -rf "$DIM_DATA_DIR"
  mkdir -p "$DIM_DATA_DIR"
  log "starting the service: data dir $DIM_DATA_DIR, http $port, kafka $BENCH_KAFKA_PORT, controller $BENCH_CONTROLLER_PORT"
  # CAMEL_SERVER_PORT is the documented setting, but Camel Main 4.17 only maps CAMEL_COMPONENT_*,
  # CAMEL_DATAFORMAT_* and CAMEL_LANGUAGE_* environment variables onto its configuration: with the
  # variable alone the HTTP server still binds 8080. The port is therefore also passed as the JVM system
  # property camel.server.port, which Camel Main does apply, and as DIM_HTTP_PORT, the service's own
  # setting in newer revisions (camel.server.port = {{dim.http.port}}).
  CAMEL_SERVER_PORT=$port DIM_HTTP_PORT=$port \
  DIM_KAFKA_EMBEDDED_PORT=$BENCH_KAFKA_PORT \
  DIM_KAFKA_EMBEDDED_CONTROLLER_PORT=$BENCH_CONTROLLER_PORT \
    java ${SERVICE_JAVA_OPTS:-} -Dcamel.server.port="$port" -cp "$SERVICE_CP" routes.Application \
    >"$BENCH_TMP/service.log" 2>&1 &
  SERVICE_PID=$!
  local deadline=$((SECONDS + 120))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; do
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      wait "$SERVICE_PID" 2>/dev/null || true
      log "the service exited during start-up"
      SERVICE_PID=""
      return 1
    fi
    if grep -q 'Error starting CamelContext\|Failed to start Vert.x HttpServer' "$BENCH_TMP/service.log"; then
      log "the service logged a start-up failure"
      bench_stop_service
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "no 200 from /health within 120 s"
      bench_stop_service
      return 1
    fi
    sleep 0.5
  done
  BASE_URL="http://127.0.0.1:$port"
  log "service up: pid $SERVICE_PID, $BASE_URL"
}

bench_stop_service() {
  [ -n "$SERVICE_PID" ] || return 0
  if kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "stopping the service (pid $SERVICE_PID)"
    kill "$SERVICE_PID" 2>/dev/null
    local i
    for i in $(seq 1 60); do kill -0 "$SERVICE_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
      log "still running after 60 s: SIGKILL"
      kill -9 "$SERVICE_PID" 2>/dev/null
    fi
  fi
  wait "$SERVICE_PID" 2>/dev/null || true
  SERVICE_PID=""
}

# the service's ERROR lines (and how many WARN lines) after a run; says so if it stopped on its own
bench_log_summary() {
  if [ -n "$SERVICE_PID" ] && ! kill -0 "$SERVICE_PID" 2>/dev/null; then
    log "PROBLEM: the service process $SERVICE_PID exited during the run (nothing in this script signalled it)"
    grep -E 'shutdown hook triggered|Exception in thread|OutOfMemoryError|FATAL' "$BENCH_TMP/service.log" | head -5 >&2 || true
  fi
  local warns errors
  warns=$(grep -c ' WARN ' "$BENCH_TMP/service.log" || true)
  errors=$(grep -c ' ERROR ' "$BENCH_TMP/service.log" || true)
  log "service log: $errors ERROR and $warns WARN lines"
  grep -E ' (ERROR|WARN) ' "$BENCH_TMP/service.log" | cut -c1-240 | sort | uniq -c | sort -rn | head -8 >&2 || true
}

# what was measured: the commit and whether src/ or pom.xml had uncommitted changes at build time
bench_revision() {
  local rev dirty
  rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  dirty=$(git status --porcelain -- src pom.xml 2>/dev/null | wc -l)
  if [ "$dirty" -gt 0 ]; then echo "revision: $rev + $dirty uncommitted change(s) in src/ and pom.xml"
  else echo "revision: $rev"; fi
}

# machine summary for the output
bench_machine() {
  echo "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), \
$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, \
$(java -version 2>&1 | head -1), $(uname -sr)"
  cat "$BENCH_TMP/revision.txt"
}

# --- how busy the rest of the machine was: all CPU time spent on the machine during the run minus the
#     CPU time of this run's own processes (the service, the bench JVM, cp, sha256sum, ...)
_busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
bench_cpu_mark() { BENCH_BUSY0=$(_busy_jiffies); BENCH_WALL0=$(date +%s%N); }
# call after every child (the service included) has been waited for
bench_cpu_report() {
  local busy1 wall1 own hz=100
  busy1=$(_busy_jiffies); wall1=$(date +%s%N)
  # `times` line 2: user and system time of this shell's finished children
  times >"$BENCH_TMP/times" # not in a pipe or $(...): a subshell would report its own (empty) children
  own=$(sed -n 2p "$BENCH_TMP/times" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, /m|s/); n += p[1] * 60 + p[2] } print n }')
  awk -v b0="$BENCH_BUSY0" -v b1="$busy1" -v w0="$BENCH_WALL0" -v w1="$wall1" -v own="$own" -v hz="$hz" 'BEGIN {
    all = (b1 - b0) / hz; wall = (w1 - w0) / 1e9; other = all - own; if (other < 0) other = 0
    printf "CPU during the run: %.0f s of wall, %.1f CPU-s in total, %.1f CPU-s by this run, %.1f CPU-s (%.0f%% of one core) by other processes\n", wall, all, own, other, 100 * other / wall
  }'
}

# --- PostgreSQL for bench/cluster.sh and bench/window.sh: Debian's server binaries (the newest under
#     /usr/lib/postgresql, or BENCH_PG_BIN), a fresh cluster under $BENCH_TMP/pg on 127.0.0.1:$BENCH_PG_PORT,
#     trust auth for user dim; as root it runs as the package's postgres user (PostgreSQL refuses root).
#     Durability settings are PostgreSQL's defaults (fsync on, synchronous_commit on) unless BENCH_PG_OPTS
#     adds others. Sets PG_URL (jdbc:postgresql://127.0.0.1:PORT/, append a database name) and PG_PID.
BENCH_PG_PORT=${BENCH_PG_PORT:-19432}
PG_DATA=""
_pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bench_start_postgres() {
  local bin=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
  [ -x "$bin/initdb" ] || { log "PostgreSQL server binaries not found (install Debian's postgresql or set BENCH_PG_BIN)"; exit 1; }
  port_free "$BENCH_PG_PORT" || { log "port $BENCH_PG_PORT is in use; set BENCH_PG_PORT"; exit 1; }
  local dir="$BENCH_TMP/pg"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chmod o+x "$BENCH_TMP"; chown postgres "$dir"; fi
  _pg_run "$bin/initdb" -D "$dir/data" -U dim --auth=trust -E UTF8 --no-sync >"$BENCH_TMP/initdb.log" 2>&1 \
    || { cat "$BENCH_TMP/initdb.log" >&2; exit 1; }
  PG_DATA="$dir/data"
  PG_BIN=$bin
  _pg_run "$bin/pg_ctl" -D "$PG_DATA" -l "$dir/server.log" -w -o "-p $BENCH_PG_PORT -k $dir \
-c listen_addresses=127.0.0.1 -c max_connections=200 ${BENCH_PG_OPTS:-}" start >&2
  PG_PID=$(head -1 "$PG_DATA/postmaster.pid")
  PG_URL="jdbc:postgresql://127.0.0.1:$BENCH_PG_PORT/"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') up: pid $PG_PID, ${PG_URL}"
}
bench_stop_postgres() {
  [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ] || return 0
  _pg_run "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
  PG_DATA=""
}
