#!/bin/sh
# Each manual page given renders, at 80 columns as on a terminal,
# without a warning from man --warnings (groff's), and says something.
# Usage: run.sh PAGE...
set -u
pass=0 fail=0
if ! command -v man > /dev/null 2>&1; then
	echo "SKIP: no man command (man-db; make deps installs it)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
if [ $# -eq 0 ]; then
	echo "FAIL: no page given"
	echo "0 passed, 1 failed"
	exit 1
fi
export MANWIDTH=80 LC_ALL=C.UTF-8
for page in "$@"; do
	warnings=$(man --warnings -l "$page" 2>&1 > /dev/null)
	lines=$(man -l "$page" 2> /dev/null | wc -l)
	if [ -n "$warnings" ]; then
		echo "FAIL: $page: $(echo "$warnings" | head -n 5 | tr '\n' '|')"
		fail=$((fail + 1))
	elif [ "$lines" -lt 10 ]; then
		echo "FAIL: $page: $lines lines rendered"
		fail=$((fail + 1))
	else
		echo "ok: $page ($lines lines)"
		pass=$((pass + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
