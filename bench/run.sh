#!/usr/bin/env bash
# Builds the benchmark jar and runs every case of BENCHMARKS.md: the JMH suite (cases 1-4, 6) on SQLite and on
# PostgreSQL (an embedded server, or the one at -Dbench.postgresUrl given through JMH's -jvmArgsAppend), and the
# multi-process writer harness (case 5, SQLite). Arguments, if any, replace all that and go to one JMH run, e.g.
# `bench/run.sh LookupBenchmark -p database=sqlite`. Results land in target/bench/results/ (jmh.txt, jmh.json or
# jmh-sqlite.json, jmh-postgresql.json, writers.txt, open-close.txt, llm-cache.txt, load.txt, report.md). Exits with 1 when a target of BENCHMARKS.md is
# missed, when a case has no results (Report), or when WriterScaling saw an error or a lost write.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests                       # the CLI jar the end-to-end cases run as a user does
mvn -B -q -Pbench package -Dmaven.test.skip=true
out=target/bench/results
mkdir -p "$out"
{ date -u; echo "nproc $(nproc)"; java -version 2>&1; } > "$out/machine.txt"
# Sample the load average every 15 s while the suite runs (the machine is shared).
( while true; do echo "$(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)"; sleep 15; done ) > "$out/load.txt" &
sampler=$!
trap 'kill "$sampler"' EXIT
jmh() { java -jar target/bench/benchmarks.jar "$@" 2>&1 | tee -a "$out/jmh.txt"; }
rm -f "$out"/jmh*
if [ $# -gt 0 ]; then
  jmh -rf json -rff "$out/jmh.json" "$@"
  java -cp target/bench/benchmarks.jar dev.forensics.store.bench.Report --partial "$out/jmh.json" | tee "$out/report.md"
  exit
fi
# SQLite first, then PostgreSQL in a run of its own, so that no PostgreSQL server (each fork starts one and stops
# it on exit) runs beside a SQLite measurement: interleaved, a SQLite case once ran 2x slower for 6 s after a PG fork.
jmh -rf json -rff "$out/jmh-sqlite.json" -p database=sqlite
java -cp target/bench/benchmarks.jar dev.forensics.store.bench.WriterScaling 5 1,2,4 2 | tee "$out/writers.txt"
jmh -rf json -rff "$out/jmh-postgresql.json" -p database=postgresql -e 'LegacyLookupBenchmark|MetricsBenchmark|LlmCacheBoundBenchmark'
status=0
java -cp target/bench/benchmarks.jar dev.forensics.store.bench.Report --writers "$out/writers.txt" "$out/jmh-sqlite.json" "$out/jmh-postgresql.json" | tee "$out/report.md" || status=1
# Issue 13: PostgreSQL open + lookup + close against a raw pool borrow + lookup, paired in one JVM (OpenCloseRatio).
java -cp target/bench/benchmarks.jar dev.forensics.store.bench.OpenCloseRatio postgresql | tee "$out/open-close.txt" || status=1
# Issue 14: the LLM cache's hit and bounded-put targets as ratios of interleaved blocks in one JVM (LlmCacheBoundRatio).
java -cp target/bench/benchmarks.jar dev.forensics.store.bench.LlmCacheBoundRatio | tee "$out/llm-cache.txt" || status=1
# The jobs as users run them (issue 13): the CLI as a process beside a Python sqlite3 loader and raw sqlite-jdbc
# programs, writer processes beside raw ones; writes e2e.md and exits 1 when a target is missed.
java -cp target/bench/benchmarks.jar dev.forensics.store.bench.e2e.EndToEnd | tee "$out/e2e.txt" || status=1
exit $status
