#!/usr/bin/env bash
# Scale-out benchmark: end-to-end ingest (events/s) and migrations/minute with 1, 2 and 3 service
# instances on one machine, one PostgreSQL and one Kafka broker (run by bench/ClusterBench.java).
# Usage: bench/cluster.sh [--instances=1,2,3] [--runs=2] [--partitions=6] [--events=60000] [--rounds=3]
#          [--warmup=20000] [--batch=1000] [--clients=4] [--event-datasets=60] [--migrations=300]
#          [--migration-size=262144] [--service-opts=-Xmx512m]
# Environment: BENCH_PG_PORT (19432), BENCH_PG_OPTS (extra postgres -c options), BENCH_PG_BIN,
#              BENCH_NETNS=0 to stay in the host's network namespace. Ports inside the namespace:
#              HTTP 18101.. (one per instance), Kafka 19192/19193.
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh
bench_enter "$SCRIPT" "$@"

bench_cpu_mark
bench_start_postgres
log "running bench/ClusterBench.java"
set +e
java -cp "$SERVICE_CP" bench/ClusterBench.java --classpath="$SERVICE_CP" --pg-url="$PG_URL" --pg-pid="$PG_PID" \
  --work="$BENCH_TMP/work" "$@"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  mkdir -p "/tmp/dim-bench-failed-cluster-$$"
  cp "$BENCH_TMP"/work/*/*.log "/tmp/dim-bench-failed-cluster-$$/" 2>/dev/null || true
  log "exit $rc; the logs are kept in /tmp/dim-bench-failed-cluster-$$"
fi
bench_stop_postgres
echo
bench_machine
echo "PostgreSQL: $("$PG_BIN/postgres" --version), fsync and synchronous_commit at their defaults (on)${BENCH_PG_OPTS:+, plus $BENCH_PG_OPTS}"
bench_cpu_report
exit "$rc"
