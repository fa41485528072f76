#!/usr/bin/env bash
# Benchmark of the pages: the staff console's status board, a customer's details and the customer
# portal with N services (really checked on loopback, some down), in headless Chromium; and the
# board's API. Needs chromium and chromium-driver.
# Usage: bench/ui.sh [services=10000] [loads=50] [down-every=50] (one TCP service in so many down)
set -euo pipefail
cd "$(dirname "$0")/.."
./vakt build >/dev/null
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p' vakt)
export JAVA_HOME="$(find_jdk)"
./mvnw -B -q -o test-compile -Dspotless.check.skip=true
cp="$(./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
for f in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$f" ] || { echo "$f is missing: apt-get install chromium chromium-driver" >&2; exit 1; }
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1), $(/usr/bin/chromium --version 2>/dev/null)"
ulimit -n 65536 2>/dev/null || true
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "target/classes:target/test-classes:$cp" dev.vakt.bench.UiBenchmark "${1:-10000}" "${2:-50}" "${3:-50}"
