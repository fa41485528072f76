#!/bin/sh
# Outside the plugin API: must read as UNKNOWN.
echo "something odd"
exit 42
