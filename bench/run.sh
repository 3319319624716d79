#!/usr/bin/env bash
# Builds the benchmark jar and runs every case of BENCHMARKS.md: the JMH suite (cases 1-4, 6) on SQLite and on
# PostgreSQL (an embedded server, or the one at -Dbench.postgresUrl given through JMH's -jvmArgsAppend), and the
# multi-process writer harness (case 5, SQLite). Extra arguments replace the defaults and go to JMH, e.g.
# `bench/run.sh LookupBenchmark -p database=sqlite`. Results land in target/bench/results/ (jmh.txt, jmh.json,
# writers.txt, load.txt, report.md). Exits with 1 when a target of BENCHMARKS.md is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench package -Dmaven.test.skip=true
out=target/bench/results
mkdir -p "$out"
{ date -u; echo "nproc $(nproc)"; java -version 2>&1; } > "$out/machine.txt"
# Sample the load average every 15 s while the suite runs (the machine is shared).
( while true; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 15; done ) > "$out/load.txt" &
sampler=$!
trap 'kill "$sampler"' EXIT
full=$(( $# == 0 ))
if [ "$full" -eq 1 ]; then
  set -- -p database=sqlite,postgresql
fi
java -jar target/bench/benchmarks.jar -rf json -rff "$out/jmh.json" "$@" 2>&1 | tee "$out/jmh.txt"
if [ "$full" -eq 1 ]; then
  java -cp target/bench/benchmarks.jar dev.forensics.store.bench.WriterScaling 5 1,2,4 2 | tee "$out/writers.txt"
fi
java -cp target/bench/benchmarks.jar dev.forensics.store.bench.Report "$out/jmh.json" | tee "$out/report.md"
