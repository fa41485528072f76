#!/usr/bin/env bash
# Benchmark of the N-1 check and the rolling-maintenance plan on a synthetic cluster (default 32 nodes,
# 3,000 guests): what a dry run and a run's start compute before anything is sent to the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
./vakt build >/dev/null   # finds the JDK, builds the jar; the harness lives in the test classes
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.MaintenanceBenchmark "${1:-32}" "${2:-3000}" "${3:-30}"
