#!/bin/sh
echo "WARNING - load average 5.2|load1=5.2;4;8;0"
exit 1
