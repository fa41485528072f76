#!/usr/bin/env bash
# Benchmark of the monitoring engine: N TCP services on loopback, real scheduler and probe.
# Usage: bench/monitoring.sh [services=100000] [interval=60s] [seconds=180] (see docs/BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
./vakt build >/dev/null
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
ulimit -n 65536 2>/dev/null || true
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.MonitoringBenchmark "${1:-100000}" "${2:-60s}" "${3:-180}"
