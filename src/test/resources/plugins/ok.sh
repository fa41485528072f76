#!/bin/sh
# A healthy plugin: OK with two perfdata items, one with a quoted label.
echo "OK - all good | time=0.5s;1;2;0; 'Disk Usage /'=42%;80;90;0;100"
exit 0
