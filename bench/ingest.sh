#!/usr/bin/env bash
# Ingest benchmark: events/s from HTTP batches through access_events into access_aggregates, next to a
# plain kafka-clients producer and consumer on the same embedded broker, in the same run.
# Usage: bench/ingest.sh [--events=200000] [--batch=1000] [--clients=4] [--datasets=5] [--warmup=100000] [--rounds=5]
# Environment: BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093),
#              BENCH_NETNS=0 to stay in the host's network namespace, SERVICE_JAVA_OPTS for the service JVM.
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh
bench_enter "$SCRIPT" "$@"

bench_cpu_mark
bench_start_service
log "running bench/IngestBench.java"
set +e
java -cp "$SERVICE_CP" bench/IngestBench.java --base-url="$BASE_URL" --bootstrap="127.0.0.1:$BENCH_KAFKA_PORT" \
  --db="$DIM_DATA_DIR/dim.db" --storage-root="$DIM_DATA_DIR/storage" --service-pid="$SERVICE_PID" "$@" \
  | tee "$BENCH_TMP/ingest.out"
rc=${PIPESTATUS[0]}
set -e
bench_log_summary
bench_stop_service
echo
bench_machine
bench_cpu_report
exit "$rc"
