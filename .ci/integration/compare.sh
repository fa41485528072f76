#!/usr/bin/env bash
# Issue 3 integration stage: Debian's real servers on 127.0.0.1, each checked by Vakt
# (`vakt check`, the engine's probes) and by the matching check_* of the Monitoring Plugins, with
# the server up and again after stopping it. The two verdicts must agree, pair by pair.
# Needs root (it installs packages and starts servers). Run from the repository: bash .ci/integration/compare.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
plugins=/usr/lib/nagios/plugins
source "$here/servers.sh"
: "${JAVA_HOME:=$(ls -d /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/*-2[1-9]* 2>/dev/null | head -1)}"
export JAVA_HOME
export ITEST_PASSWORD ITEST_WRONG=not-the-password
export VAKT_JAVA_OPTS="${VAKT_JAVA_OPTS:-} -Djavax.net.ssl.trustStore=$ITEST_DIR/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit"

install_servers
servers="smtp dovecot ftp ssh ntp http mysql pgsql"
for s in $servers; do "start_$s"; done
trap 'for s in $servers; do "stop_$s"; done' EXIT
sleep 2 # chrony answers as a local stratum-8 server a moment after start

state() { case "$1" in 0) echo OK;; 1) echo WARNING;; 2) echo CRITICAL;; *) echo UNKNOWN;; esac; }
trim() { local s="$1"; s="${s#"${s%%[![:space:]]*}"}"; echo "${s%"${s##*[![:space:]]}"}"; }

failures=0
total=0
run_pairs() { # $1: up|down
  local phase="$1" name vargs plugin server v p vr pr
  while IFS='|' read -r name vargs plugin server; do
    name=$(trim "$name"); plugin=$(trim "$plugin"); server=$(trim "$server")
    [ -z "$name" ] || [[ "$name" == \#* ]] && continue
    [ "$phase" = down ] && [ "$server" = - ] && continue # nothing to stop (ping of loopback)
    # shellcheck disable=SC2086 # the settings are separate words on purpose
    v=$("$repo/vakt" check $vargs 2>&1) && vr=0 || vr=$?
    p=$(eval "$plugins/$plugin" 2>&1) && pr=0 || pr=$?
    total=$((total + 1))
    if [ "$(state "$vr")" = "$(state "$pr")" ]; then
      printf '   agree    %-5s %-12s %-8s\n' "$phase" "$name" "$(state "$vr")"
    else
      failures=$((failures + 1))
      printf '   DISAGREE %-5s %-12s vakt %s, plugin %s\n' "$phase" "$name" "$(state "$vr")" "$(state "$pr")"
      echo "      vakt:   ${v//$'\n'/ }"
      echo "      plugin: ${p//$'\n'/ }"
    fi
  done <"$here/pairs.txt"
}

echo "   servers up"
run_pairs up
for s in $servers; do "stop_$s"; done
sleep 1
echo "   servers stopped"
run_pairs down
echo "   $total comparisons, $failures disagreement(s)"
[ "$failures" -eq 0 ]
