#!/usr/bin/env bash
# Benchmark of monthly patch compliance: N servers (10 per customer) with a month of package
# observations each; the calculator alone, then end to end through the embedded PostgreSQL.
# Usage: bench/patching.sh [servers=10000] [runs=5]
set -euo pipefail
cd "$(dirname "$0")/.."
./vakt build >/dev/null   # finds the JDK, builds the jar; the harness lives in the test classes
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.PatchingBenchmark "${1:-10000}" "${2:-5}"
