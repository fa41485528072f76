#!/bin/sh
# Echoes its arguments and locale: proves no shell expanded them and the environment is clean.
printf 'OK - [%s] [%s] LC_ALL=%s SECRET=%s\n' "$1" "$2" "$LC_ALL" "${VAKT_TEST_SECRET:-none}"
exit 0
