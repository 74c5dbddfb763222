#!/bin/bash
# make bench-vm: one VM boot (tests/vm/run) runs the kernel benchmarks
# of tests/bench/vm-guest.sh; the table is printed and kept in
# build/bench/vm.txt, with the VM's own line (time, kernel, qemu
# accelerator) appended.
#
# The guest runs under qemu's icount (VM_ACCEL=icount): its clock counts
# executed instructions, so a figure is the guest's own work and repeats
# to within 1% whatever else the host does.  Under plain TCG the same
# ratios swung by 30% between runs with the host's load.  icount needs
# one TCG thread, and this qemu does not boot two vCPUs with it: one
# vCPU then carries client, router and server.  BENCH_ACCEL=tcg and
# BENCH_SMP=N give the old setup; on a KVM host, use BENCH_ACCEL=kvm.
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
accel=${BENCH_ACCEL:-icount}
smp=${BENCH_SMP:-1}
[ "$accel" = icount ] || smp=${BENCH_SMP:-2}
# The guest is silent while it measures; under icount on a busy host a
# few virtual seconds of traffic can take minutes, which the test bed's
# 30 s hang detector would take for a dead guest.
VM_HANG=${VM_HANG:-300} VM_ACCEL=$accel "$top/tests/vm/run" "${kopt[@]}" --smp "$smp" --mem 1024 --timeout "${BENCH_TIMEOUT:-480}" --share "$out" \
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
