#!/usr/bin/env bash
# Benchmark of coverage (issue 18): build the index, then coverage.at for random services and instants.
# Usage: bench/coverage.sh [customers=50000 (two services each)] [queries=2000000]
set -euo pipefail
cd "$(dirname "$0")/.."
./vakt build >/dev/null   # finds the JDK, builds the jar; the harness lives in the test classes
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.CoverageBenchmark "${1:-50000}" "${2:-2000000}"
