#!/bin/sh
# Kernel-doc of the engine's headers: every function they declare has a
# "/** name() - ..." comment, and the kernel's scripts/kernel-doc parses
# them without a warning (skipped when no kernel headers tree has it).
#   t_kerneldoc.sh [HEADER...]    (default: the headers listed below)
top=$(cd "$(dirname "$0")/../.." && pwd)
[ $# -gt 0 ] || set -- "$top/regexp/l7re.h" "$top/regexp/l7re_multi.h" \
	"$top/regexp/l7prep.h"
pass=0; fail=0; skip=0
for h in "$@"; do
	# declarations start in column 0: "type name(" or "type *name("
	for fn in $(grep -oE '^[a-z][a-z0-9_ *]* \**[a-z_][a-z0-9_]*\(' "$h" |
		    sed -E 's/.*[ *]([a-z_][a-z0-9_]*)\($/\1/'); do
		if grep -q "^ \* $fn() - " "$h"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: $h: $fn() has no kernel-doc comment"
		fi
	done
done
kdoc=$(ls /usr/src/linux-headers-*-common/scripts/kernel-doc 2>/dev/null | tail -n1)
if [ -n "$kdoc" ]; then
	out=$(perl "$kdoc" -none -Wall "$@" 2>&1)
	if [ -z "$out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "$out" | sed 's/^/FAIL: kernel-doc: /'
	fi
else
	echo "SKIP: no scripts/kernel-doc under /usr/src/linux-headers-*-common"
	skip=1
fi
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
