#!/usr/bin/env bash
# Stores benchmark (issue 4): in one run on the same data, the service's file->file, file->s3 and s3->s3
# moves of one large object and of many small objects, next to cp -r + sha256sum and rclone copy --checksum
# on the same S3Proxy; then a large object moved file->s3 by a service started with -Xmx256m (peak RSS).
# Usage: bench/stores.sh [--size=1073741824] [--objects=10000] [--object-size=10240] [--mem-size=2147483648]
#                        [--mem-objects=1] [--passes=2] [--no-memory] [--memory-only]
# --passes: the comparison runs that many times on fresh data against one service start; pass 1 times the
# service's first moves (JIT still compiling), later passes the warm service.
# Environment: BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093),
#              BENCH_S3_PORT (19500), BENCH_NETNS=0 to stay in the host's network namespace,
#              SERVICE_JAVA_OPTS for the service JVM, MEMORY_JAVA_OPTS (-Xmx256m) for the memory part;
#              any DIM_* setting is passed on to the service (e.g. DIM_MOVER_PARALLELISM, DIM_S3_PART_SIZE_BYTES).
# Needs rclone (Debian package "rclone") on the PATH.
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh

BENCH_ARGS=()
MEMORY=1
COMPARE=1
MEM_SIZE=2147483648
MEM_OBJECTS=1
for arg in "$@"; do
  case $arg in
    --size=*|--objects=*|--object-size=*|--passes=*) BENCH_ARGS+=("$arg") ;;
    --mem-size=*) MEM_SIZE=${arg#--mem-size=} ;;
    --mem-objects=*) MEM_OBJECTS=${arg#--mem-objects=} ;;
    --no-memory) MEMORY=0 ;;
    --memory-only) COMPARE=0 ;;
    *) echo "unknown argument $arg (expected --size= --objects= --object-size= --passes= --mem-size= --mem-objects= --no-memory --memory-only)" >&2
       exit 2 ;;
  esac
done
command -v rclone >/dev/null || { echo "rclone is not installed (Debian: apt-get install -y rclone)" >&2; exit 2; }

# S3Proxy is a test dependency: its classpath is resolved here, before bench_enter moves into the private
# network namespace, so that the CPU figure of bench_cpu_report (this shell's children) leaves Maven out
if [ -z "${BENCH_INNER:-}" ]; then
  BENCH_TEST_CP_FILE=$(mktemp /tmp/dim-bench-testcp.XXXXXX)
  export BENCH_TEST_CP_FILE
  log "test classpath for S3Proxy: mvn -q -B dependency:build-classpath -Dmdep.includeScope=test"
  mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BENCH_TEST_CP_FILE" >&2 \
    || { rm -f "$BENCH_TEST_CP_FILE"; exit 1; }
fi

bench_enter "$SCRIPT" "$@"

BENCH_S3_PORT=${BENCH_S3_PORT:-19500}
S3PROXY_PID=""
stop_s3proxy() {
  [ -n "$S3PROXY_PID" ] || return 0
  log "stopping S3Proxy (pid $S3PROXY_PID)"
  kill "$S3PROXY_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 20); do kill -0 "$S3PROXY_PID" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$S3PROXY_PID" 2>/dev/null || true
  wait "$S3PROXY_PID" 2>/dev/null || true
  S3PROXY_PID=""
}
stores_cleanup() {
  local rc=$?
  set +e
  bench_stop_service
  stop_s3proxy
  rm -f "${BENCH_TEST_CP_FILE:-}"
  (exit "$rc")
  bench_cleanup
}
trap stores_cleanup EXIT

mv "$BENCH_TEST_CP_FILE" "$BENCH_TMP/test-classpath.txt"
port_free "$BENCH_S3_PORT" || { log "port $BENCH_S3_PORT on 127.0.0.1 is in use; set BENCH_S3_PORT"; exit 1; }

# CPU of this shell's children so far: the process exec'd by unshare inherits the outer shell's reaped
# children (the mvn builds), which bench_cpu_report would otherwise count as this run's own CPU
times >"$BENCH_TMP/times0" # not in $(...) or a pipe: a subshell would report its own (empty) children
OWN_CPU0=$(sed -n 2p "$BENCH_TMP/times0" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, p, /m|s/); n += p[1] * 60 + p[2] } print n }')
log "CPU of children reaped before the run (the builds, inherited across unshare's exec): $OWN_CPU0 s"
bench_cpu_mark
log "starting S3Proxy on 127.0.0.1:$BENCH_S3_PORT (jclouds filesystem blob store under $BENCH_TMP/s3)"
: >"$BENCH_TMP/s3proxy.log"
java -cp "$(cat "$BENCH_TMP/test-classpath.txt")" bench/S3ProxyMain.java --port="$BENCH_S3_PORT" \
  --basedir="$BENCH_TMP/s3" --buckets=bench >"$BENCH_TMP/s3proxy.log" 2>&1 &
S3PROXY_PID=$!
deadline=$((SECONDS + 90))
until grep -q 'S3PROXY READY' "$BENCH_TMP/s3proxy.log"; do
  if ! kill -0 "$S3PROXY_PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    log "S3Proxy did not start:"; tail -20 "$BENCH_TMP/s3proxy.log" >&2; exit 1
  fi
  sleep 0.5
done
log "S3Proxy up: pid $S3PROXY_PID"

export DIM_S3_ENDPOINT=http://127.0.0.1:$BENCH_S3_PORT DIM_S3_PATH_STYLE=true \
  DIM_S3_ACCESS_KEY=test-access DIM_S3_SECRET_KEY=test-secret \
  DIM_STORES=local,s3 DIM_STORES_S3_URI_PREFIX=s3://bench/
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other \
  RCLONE_CONFIG_BENCH_ENDPOINT=http://127.0.0.1:$BENCH_S3_PORT RCLONE_CONFIG_BENCH_REGION=us-east-1 \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=test-access RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=test-secret \
  RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true RCLONE_CONFIG=/dev/null
log "service settings: $(env | grep -E '^DIM_(S3|STORES|MOVER)' | grep -v SECRET | sort | tr '\n' ' ')"

rc=0
if [ "$COMPARE" = 1 ]; then
  bench_start_service
  log "running bench/StoresBench.java --mode=compare"
  set +e
  java -cp "$SERVICE_CP" bench/StoresBench.java --mode=compare --base-url="$BASE_URL" \
    --storage-root="$DIM_DATA_DIR/storage" --service-pid="$SERVICE_PID" "${BENCH_ARGS[@]}"
  rc=$?
  set -e
  bench_log_summary
  bench_stop_service
fi
if [ "$MEMORY" = 1 ] && [ "$rc" = 0 ]; then
  SERVICE_JAVA_OPTS="${MEMORY_JAVA_OPTS:--Xmx256m} ${SERVICE_JAVA_OPTS:-}"
  export SERVICE_JAVA_OPTS
  log "memory part: restarting the service with $SERVICE_JAVA_OPTS"
  bench_start_service
  set +e
  java -cp "$SERVICE_CP" bench/StoresBench.java --mode=memory --base-url="$BASE_URL" \
    --storage-root="$DIM_DATA_DIR/storage" --service-pid="$SERVICE_PID" --mem-size="$MEM_SIZE" \
    --mem-objects="$MEM_OBJECTS"
  rc=$?
  set -e
  grep -E 'OutOfMemoryError' "$BENCH_TMP/service.log" | head -3 >&2 || true
  bench_log_summary
  bench_stop_service
fi
stop_s3proxy
echo
bench_machine
echo "$(rclone version 2>/dev/null | head -1), S3Proxy 2.6.0 (jclouds filesystem blob store), $(sha256sum --version | head -1)"
bench_cpu_report >"$BENCH_TMP/cpu.txt" # not in a pipe, see above
awk -v before="$OWN_CPU0" '{
  # lib.sh counts all reaped children of this process; take out those reaped before the mark (the builds)
  if (match($0, /[0-9.]+ CPU-s by this run, [0-9.]+ CPU-s \([0-9]+% of one core\) by other processes/)) {
    split($0, w, " "); wall = w[5]; total = w[9]; own = w[13] - before; if (own < 0) own = 0
    other = total - own; if (other < 0) other = 0
    printf "CPU during the run: %.0f s of wall, %.1f CPU-s in total, %.1f CPU-s by this run, %.1f CPU-s (%.0f%% of one core) by other processes\n", wall, total, own, other, 100 * other / wall
  } else print }' "$BENCH_TMP/cpu.txt"
exit "$rc"
