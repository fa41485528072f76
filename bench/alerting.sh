#!/usr/bin/env bash
# Benchmark of alerting: from a service failing to the first e-mail accepted by a local SMTP server;
# with `faults SCENARIO`, under failure (issue 32): see docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Vakt under test takes a free port: application.properties reads VAKT_PORT before any default.
export VAKT_PORT=0
./vakt build >/dev/null   # finds the JDK, builds the jar; the harness lives in the test classes
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
if [ "${1:-}" = faults ]; then
  # bench/alerting.sh faults at-once|receivers-down|kill [services=100] [servers=20] [interval=5] [attempts=3] [down=60] [hold=1s]
  shift
  exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.AlertingFaultsBenchmark "${1:-at-once}" "${2:-100}" "${3:-20}" "${4:-5}" "${5:-3}" "${6:-60}" "${7:-1s}"
fi
# bench/alerting.sh [services=50] [interval=2] [attempts=3] [servers=services/5] [hold=1s]
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.AlertingBenchmark "$@"
