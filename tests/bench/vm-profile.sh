#!/bin/bash
# Where the router's time goes, by perf inside the VM (qemu icount, one
# vCPU: the samples follow executed instructions, not the host's load).
#
#   tests/bench/vm-profile.sh [tests/vm/run options] KIND RULES
#
# KIND and RULES as in tests/bench/vm-profile-guest.sh; the report goes
# to build/bench/profile/KIND-RULES.txt and is printed.  Needs the host's
# perf (linux-perf), copied into the guest image.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -lt 2 ]; then
	echo "usage: $0 [tests/vm/run options, e.g. --kernel KVER] bulk|rr l7|mark|none" >&2
	exit 2
fi
kind=${*: -2:1} rules=${*: -1}
ropts=("${@:1:$#-2}")
perf=$(command -v perf) || { echo "vm-profile: no perf on this host (apt install linux-perf)" >&2; exit 1; }
out=$top/build/bench/profile
mkdir -p "$out"
rm -f "$out/$kind-$rules.txt"
VM_EXTRA_BINS=$perf VM_ACCEL=icount "$top/tests/vm/run" --smp 1 --mem 1024 "${ropts[@]}" \
	--share "$out" "$top/tests/bench/vm-profile-guest.sh" /mnt/share "$kind" "$rules" \
	> "$out/vm.log" 2>&1
rc=$?
grep -E '^(FAIL|SKIP|PASS): |^vm-run: ' "$out/vm.log"
[ -s "$out/$kind-$rules.txt" ] && cat "$out/$kind-$rules.txt"
exit $rc
