#!/usr/bin/env bash
# Migration benchmark: a local migration of a 1 GiB dataset (plan -> completed, and the job's own
# started_at -> finished_at), next to `cp` followed by `sha256sum` of a same-size file on the same disk,
# in the same run (alternating, run by bench/MigrationBench.java); plus the service's peak RSS.
# Usage: bench/migration.sh [--size=1073741824] [--runs=3]
# Environment: BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093),
#              BENCH_NETNS=0 to stay in the host's network namespace, SERVICE_JAVA_OPTS for the service JVM;
#              any DIM_* setting is passed on to the service (e.g. DIM_MOVER_PROGRESS_EVERY_BYTES).
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh
bench_enter "$SCRIPT" "$@"

for arg in "$@"; do
  case $arg in
    --size=*|--runs=*) ;;
    *) echo "unknown argument $arg (expected --size=BYTES --runs=N)" >&2; exit 2 ;;
  esac
done

bench_cpu_mark
bench_start_service
log "running bench/MigrationBench.java"
set +e
java -cp "$SERVICE_CP" bench/MigrationBench.java --base-url="$BASE_URL" --storage-root="$DIM_DATA_DIR/storage" \
  --service-pid="$SERVICE_PID" "$@"
rc=$?
set -e
bench_log_summary
bench_stop_service
echo
bench_machine
bench_cpu_report
exit "$rc"
