#!/bin/sh
echo "check_foo: cannot open /etc/foo.conf" >&2
exit 3
