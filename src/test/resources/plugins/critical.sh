#!/bin/sh
echo "CRITICAL - service down"
exit 2
