#!/usr/bin/env bash
# Migration benchmark: a local migration of a 1 GiB dataset (plan -> completed, and the job's own
# started_at -> finished_at), next to `cp` followed by `sha256sum` of a same-size file on the same disk,
# in the same run; plus the service's peak RSS during the migration.
# Usage: bench/migration.sh [--size=1073741824] [--runs=3]
# Environment: BENCH_HTTP_PORT (18080), BENCH_KAFKA_PORT (19092), BENCH_CONTROLLER_PORT (19093),
#              BENCH_NETNS=0 to stay in the host's network namespace, SERVICE_JAVA_OPTS for the service JVM.
set -euo pipefail
SCRIPT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
cd "$(dirname "$SCRIPT")/.."   # the repo root
source bench/lib.sh
bench_enter "$SCRIPT" "$@"

SIZE=1073741824
RUNS=3
for arg in "$@"; do
  case $arg in
    --size=*) SIZE=${arg#--size=} ;;
    --runs=*) RUNS=${arg#--runs=} ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
mibs() { awk -v n="$SIZE" -v s="$1" 'BEGIN { printf "%.1f", n / 1048576 / s }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

bench_cpu_mark
bench_start_service
log "running bench/MigrationBench.java (size $SIZE, runs $RUNS)"
if ! java -cp "$SERVICE_CP" bench/MigrationBench.java --base-url="$BASE_URL" --storage-root="$DIM_DATA_DIR/storage" \
  --service-pid="$SERVICE_PID" --size="$SIZE" --runs="$RUNS" | tee "$BENCH_TMP/migration.out"; then
  log "bench/MigrationBench.java failed"
  bench_log_summary
  exit 1
fi
SVC=$(grep '^RESULT migration' "$BENCH_TMP/migration.out")
field() { echo "$SVC" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }

# --- baseline: cp then sha256sum of a same-size file on the same disk (the service's storage dir),
#     with the service up and idle, as during its own runs
BASE="$DIM_DATA_DIR/storage/cp-baseline"
mkdir -p "$BASE"
log "baseline: writing a $SIZE-byte random source file"
head -c "$SIZE" /dev/urandom >"$BASE/src"
sync -f "$BASE/src" 2>/dev/null || sync
CP=(); CPSUM=(); CPSYNC=(); CPSYNCSUM=(); CPOSSL=()
OPENSSL=$(command -v openssl || true)
for r in $(seq 1 "$RUNS"); do
  # 1. cp, then sha256sum of the copy (the baseline asked for)
  t0=$(now); cp "$BASE/src" "$BASE/dst"; t1=$(now); sha256sum "$BASE/dst" >/dev/null; t2=$(now)
  rm -f "$BASE/dst"; sync -f "$BASE" 2>/dev/null || true
  # 2. the same with an fsync of the copy between cp and sha256sum (the service fsyncs its copy)
  t3=$(now); cp "$BASE/src" "$BASE/dst"; sync "$BASE/dst"; t4=$(now); sha256sum "$BASE/dst" >/dev/null; t5=$(now)
  rm -f "$BASE/dst"; sync -f "$BASE" 2>/dev/null || true
  CP+=("$(secs "$t0" "$t1")"); CPSUM+=("$(secs "$t0" "$t2")")
  CPSYNC+=("$(secs "$t3" "$t4")"); CPSYNCSUM+=("$(secs "$t3" "$t5")")
  msg="baseline run $r: cp ${CP[-1]} s, cp + sha256sum ${CPSUM[-1]} s; cp + sync ${CPSYNC[-1]} s, cp + sync + sha256sum ${CPSYNCSUM[-1]} s"
  # 3. coreutils' sha256sum does not use the CPU's SHA instructions; OpenSSL (like the JVM) does
  if [ -n "$OPENSSL" ]; then
    t6=$(now); cp "$BASE/src" "$BASE/dst"; openssl dgst -sha256 "$BASE/dst" >/dev/null; t7=$(now)
    rm -f "$BASE/dst"; sync -f "$BASE" 2>/dev/null || true
    CPOSSL+=("$(secs "$t6" "$t7")"); msg="$msg; cp + openssl dgst -sha256 ${CPOSSL[-1]} s"
  fi
  log "$msg"
done
rm -rf "$BASE"

bench_log_summary
bench_stop_service

M_CP=$(median "${CP[@]}"); M_CPSUM=$(median "${CPSUM[@]}"); M_CPSYNCSUM=$(median "${CPSYNCSUM[@]}")
WALL=$(field median_wall_s); JOB=$(field median_job_s)
echo
echo "=== migration vs cp + sha256sum ($SIZE bytes, median of $RUNS runs each) ==="
printf '%-52s %9s %9s\n' "" "seconds" "MiB/s"
printf '%-52s %9.2f %9.1f\n' "service: plan -> completed (client polling)" "$WALL" "$(mibs "$WALL")"
printf '%-52s %9.2f %9.1f\n' "service: job started_at -> finished_at" "$JOB" "$(mibs "$JOB")"
printf '%-52s %9.2f %9.1f\n' "cp alone" "$M_CP" "$(mibs "$M_CP")"
printf '%-52s %9.2f %9.1f\n' "cp + sha256sum" "$M_CPSUM" "$(mibs "$M_CPSUM")"
printf '%-52s %9.2f %9.1f\n' "cp + sync + sha256sum" "$M_CPSYNCSUM" "$(mibs "$M_CPSYNCSUM")"
if [ -n "$OPENSSL" ]; then
  M_CPOSSL=$(median "${CPOSSL[@]}")
  printf '%-52s %9.2f %9.1f\n' "cp + openssl dgst -sha256" "$M_CPOSSL" "$(mibs "$M_CPOSSL")"
fi
printf '%-52s %9.2f\n' "ratio service (plan -> completed) / cp + sha256sum" \
  "$(awk -v a="$M_CPSUM" -v b="$WALL" 'BEGIN { print a / b }')"
printf '%-52s %9.2f\n' "ratio service (started -> finished) / cp + sha256sum" \
  "$(awk -v a="$M_CPSUM" -v b="$JOB" 'BEGIN { print a / b }')"
printf '%-52s %9.2f\n' "ratio service (plan -> completed) / cp + sync + sha" \
  "$(awk -v a="$M_CPSYNCSUM" -v b="$WALL" 'BEGIN { print a / b }')"
if [ -n "$OPENSSL" ]; then
  printf '%-52s %9.2f\n' "ratio service (plan -> completed) / cp + openssl" \
    "$(awk -v a="$M_CPOSSL" -v b="$WALL" 'BEGIN { print a / b }')"
fi
printf '%-52s %6s MiB sampled VmRSS, %s MiB VmHWM\n' "service peak RSS during the migrations" \
  "$(field peak_rss_mib)" "$(field peak_hwm_mib)"
echo "RESULT cp bytes=$SIZE runs=$RUNS median_cp_s=$M_CP median_cp_sha_s=$M_CPSUM median_cp_sync_sha_s=$M_CPSYNCSUM median_cp_openssl_s=${M_CPOSSL:-n/a}"
echo
bench_machine
bench_cpu_report
