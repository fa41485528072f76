#!/bin/sh
# Says who it runs as and whether it can read the file named in $1 (Vakt's master key in F1's test).
if cat "$1" >/dev/null 2>&1; then key=readable; else key=unreadable; fi
printf 'OK - uid=%s gid=%s groups=%s key=%s\n' "$(id -u)" "$(id -g)" "$(id -G)" "$key"
exit 0
