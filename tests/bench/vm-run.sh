#!/bin/bash
# make bench-vm: one VM boot (tests/vm/run, 2 vCPUs) runs the kernel
# benchmarks of tests/bench/vm-guest.sh; the table is printed and kept
# in build/bench/vm.txt, with the VM's own line (time, kernel, qemu
# accelerator) appended.
#
#   tests/bench/vm-run.sh [--kernel KVER] [BULK_SECS REPS RR_SECS HOLD]
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
kopt=()
if [ "${1:-}" = --kernel ]; then
	kopt=(--kernel "${2:?}")
	shift 2
fi
out=$top/build/bench
mkdir -p "$out"
rm -f "$out/vm.txt" "$out/vm.log"
# TCG timings follow the host's load: the table says what it was.
load0=$(cut -d' ' -f1-3 /proc/loadavg)
"$top/tests/vm/run" "${kopt[@]}" --smp 2 --mem 1024 --timeout 480 --share "$out" \
	"$top/tests/bench/vm-guest.sh" /mnt/share/vm.txt "$@" > "$out/vm.log" 2>&1
rc=$?
grep -E '^(FAIL|SKIP|PASS): |^vm-run: ' "$out/vm.log"
if [ ! -s "$out/vm.txt" ]; then
	echo "bench-vm: no table (exit status $rc); see $out/vm.log" >&2
	exit 1
fi
{
	tail -n 1 "$out/vm.log"
	echo "host: $(nproc) CPUs, load average $load0 before, $(cut -d' ' -f1-3 /proc/loadavg) after"
} >> "$out/vm.txt"
cat "$out/vm.txt"
exit $rc
