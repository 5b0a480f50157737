#!/usr/bin/env bash
# Load benchmark: mixed API traffic (reads, event posts, plans) from N clients for T seconds; throughput,
# latency percentiles, errors and the service's heap, then checks nothing was lost.
# Usage: bench/load.sh [--clients=8] [--seconds=30] [--datasets=20] [--events-per-post=10]
# Environment: BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093),
#              BENCH_NETNS=0 to stay in the host's network namespace, SERVICE_JAVA_OPTS for the service JVM.
#              The per-client request rate limit is off (DIM_HTTP_RATE_LIMIT_PER_SECOND=0, one client
#              address sends everything) unless that variable is set.
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh
bench_enter "$SCRIPT" "$@"

export DIM_HTTP_RATE_LIMIT_PER_SECOND=${DIM_HTTP_RATE_LIMIT_PER_SECOND:-0}
bench_cpu_mark
bench_start_service
log "running bench/LoadBench.java"
set +e
java -cp "$SERVICE_CP" bench/LoadBench.java --base-url="$BASE_URL" --db="$DIM_DATA_DIR/dim.db" \
  --storage-root="$DIM_DATA_DIR/storage" --service-pid="$SERVICE_PID" "$@" | tee "$BENCH_TMP/load.out"
rc=${PIPESTATUS[0]}
set -e
bench_log_summary
bench_stop_service
echo
bench_machine
bench_cpu_report
exit "$rc"
