#!/usr/bin/env bash
# Per-window cost as the catalog grows: the aggregator (AggregateWriter.write), the window-close pass
# (Recommender.recommendAll, rules and tree) and the tree's placement of every dataset, called in-process on
# PostgreSQL (or SQLite with --sqlite) at 10k, 100k and 1M datasets (run by bench/WindowBench.java).
# Usage: bench/window.sh [--sizes=10000,100000,1000000] [--poll=2000] [--history-days=30] [--sqlite]
# Environment: WINDOW_JAVA_OPTS (-Xmx8g: the 1M tree pass peaks near 4 GiB) for the benchmark JVM; BENCH_PG_PORT (19432), BENCH_PG_OPTS,
#              BENCH_PG_BIN; BENCH_NETNS=0 to stay in the host's network namespace.
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh
bench_enter "$SCRIPT" "$@"

args=()
db=()
for arg in "$@"; do
  case $arg in
    --sqlite) mkdir -p "$BENCH_TMP/sqlite"; db=(--sqlite-dir="$BENCH_TMP/sqlite") ;;
    --sizes=*|--poll=*|--history-days=*) args+=("$arg") ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done
bench_cpu_mark
if [ ${#db[@]} -eq 0 ]; then
  bench_start_postgres
  db=(--db-url="$PG_URL")
fi
log "running bench/WindowBench.java"
set +e
java ${WINDOW_JAVA_OPTS:--Xmx8g} -cp "$SERVICE_CP" bench/WindowBench.java "${db[@]}" "${args[@]}"
rc=$?
set -e
bench_stop_postgres
echo
bench_machine
[ -n "${PG_BIN:-}" ] && echo "PostgreSQL: $("$PG_BIN/postgres" --version), fsync and synchronous_commit at their defaults (on)${BENCH_PG_OPTS:+, plus $BENCH_PG_OPTS}"
bench_cpu_report
exit "$rc"
