#!/bin/sh
# Sleeps for $1 seconds in a child process, so killing only the shell would leave the sleep running.
echo "starting"
sleep "$1"
echo "OK - woke up"
exit 0
