#!/usr/bin/env bash
# Benchmark of issue 18's "a terms or inventory change reaches the scheduler within 1 s": the whole
# application on a fresh embedded PostgreSQL with N customers (two TCP services each), then a new
# service, a deleted one, a customer's new contract version and provider/product versions, each
# timed to monitoring's plan (see docs/BENCHMARKS.md).
# Usage: bench/coverage-change.sh [customers=50000] [runs=5] [seed=sql|import]
set -euo pipefail
cd "$(dirname "$0")/.."
# The Vakt under test takes a free port: application.properties reads VAKT_PORT before any default.
export VAKT_PORT=0
./vakt build >/dev/null   # finds the JDK, builds the jar; the harness lives in the test classes
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); uptime:$(uptime)"
ulimit -n 65536 2>/dev/null || true
exec "$JAVA_HOME/bin/java" -Xmx3g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.CoverageChangeBenchmark "${1:-50000}" "${2:-5}" "${3:-sql}"
