#!/bin/sh
# Ignores its arguments and never answers: stands in for a hung plugin or a hung ping.
exec sleep 30
