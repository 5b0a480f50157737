#!/usr/bin/env bash
# Replays generated traces of several mixes under every policy and prints the tables of
# bench/DECISIONS.md, then the replay speed on a large trace read from a CSV file.
# Usage: bench/decisions.sh [datasets] [days]   (from the repository root)
set -euo pipefail
DATASETS=${1:-500}
DAYS=${2:-365}
mvn -q -B compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
CP="target/classes:$(cat target/cp.txt)"
sim() { java -Xmx1g -cp "$CP" routes.plan.Simulate "$@"; }

for provider in s3 gcs; do
  for mix in balanced mostly-hot mostly-cold; do
    echo "### $provider, $mix, $DATASETS datasets, $DAYS days, seed 1"
    sim --generate --seed 1 --datasets "$DATASETS" --days "$DAYS" --mix "$mix" --provider "$provider" --table
  done
done
echo "### s3, balanced, latency SLO 100 ms (Glacier IR's 200 ms breaks it)"
sim --generate --seed 1 --datasets "$DATASETS" --days "$DAYS" --mix balanced --latency-slo-ms 100 --table

echo "### replay speed: 2000 datasets x 365 days, read from CSV"
sim --generate --seed 2 --datasets 2000 --days 365 --write-trace target/bench-trace.csv
for run in 1 2 3; do
  sim --trace target/bench-trace.csv --table | head -1
done
