#!/bin/bash
# The VM test bed tested from the host: what tests/vm/run promises.
#
#   tests/vm/selftest.sh [KVER]
#
# The VMs' output is shown indented; one line per failure, "N passed, M failed[, K skipped]" at the end.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
run=$top/tests/vm/run
kver=${1:-$("$top/mk/kver-default")}
work=$(mktemp -d "${TMPDIR:-/tmp}/vmbed.XXXXXX")
trap 'rm -rf "$work"' EXIT
np=0 nf=0 nk=0
pass() { echo "ok: $*"; np=$((np + 1)); }
fail() { echo "FAIL: $*"; nf=$((nf + 1)); }

# vm NAME [run options] -- script-text [args]: run a script, keep its
# output in $work/NAME.out, set $rc.
vm() {
	local name=$1 opts=()
	shift
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	printf '%s\n' "$1" > "$work/$name.sh"
	shift
	echo "=== $name"
	"$run" --kernel "$kver" "${opts[@]}" "$work/$name.sh" "$@" 2>&1 |
		tee "$work/$name.out" | sed 's/^/  | /'
	rc=${PIPESTATUS[0]}
}
last() { tail -n1 "$work/$1.out"; }

# Status 0, arguments, the share both ways.
mkdir -p "$work/share"
echo from-host > "$work/share/in.txt"
vm args --share "$work/share" -- '
n=$#; for a in "$@"; do echo "arg=[$a]"; done
cat /mnt/share/in.txt > /mnt/share/out.txt
echo "nargs=$n" >> /mnt/share/out.txt
exit 0' one "two words" "it's" '$HOME'
[ "$rc" -eq 0 ] && pass "status 0 comes back" || fail "status 0: got $rc"
grep -q '^vm-run: exit status 0 ' "$work/args.out" && pass "last line names the status" ||
	fail "last line: $(last args)"
if grep -qx 'arg=\[two words\]' "$work/args.out" && grep -qx "arg=\[it's\]" "$work/args.out" &&
		grep -qx 'arg=\[$HOME\]' "$work/args.out"; then
	pass "arguments arrive verbatim"
else
	fail "arguments mangled"
fi
if [ "$(cat "$work/share/out.txt" 2>/dev/null)" = "$(printf 'from-host\nnargs=4')" ]; then
	pass "file written to /mnt/share arrives in DIR"
else
	fail "share: got '$(cat "$work/share/out.txt" 2>/dev/null)'"
fi

# A non-zero status, and a broken expectation in the style of the
# scenarios.
vm status7 -- 'exit 7'
[ "$rc" -eq 7 ] && pass "status 7 comes back" || fail "status 7: got $rc"

# The scenario runner: a broken expectation fails the suite, a skip is
# counted as such, and a passing one passes.
mkdir -p "$work/suite"
cat > "$work/suite/a-good.sh" <<'S'
. /usr/local/lib/vmtest.sh
expect_eq "one is one" 1 1
finish
S
cat > "$work/suite/b-broken.sh" <<'S'
. /usr/local/lib/vmtest.sh
expect_eq "deliberately wrong" 2 "$((1 + 2))"
finish
S
cat > "$work/suite/c-skip.sh" <<'S'
. /usr/local/lib/vmtest.sh
skip "nothing to see"
S
echo "=== check-vm on a suite with a broken expectation"
VM_NO_BUILD=1 "$top/tests/vm/check-vm" --kernel "$kver" "$work/suite" > "$work/suite.out" 2>&1
src=$?
sed 's/^/  | /' "$work/suite.out"
[ $src -ne 0 ] && pass "check-vm fails when a scenario fails" || fail "check-vm returned 0"
grep -qx "FAIL: b-broken (deliberately wrong: expected '2', got '3')" "$work/suite.out" &&
	pass "the failure and its reason are named" || fail "no FAIL line for b-broken"
grep -qx 'PASS: a-good' "$work/suite.out" && pass "passing scenario reported" ||
	fail "no PASS line for a-good"
grep -qx 'SKIP: c-skip (nothing to see)' "$work/suite.out" && pass "skip reported" ||
	fail "no SKIP line for c-skip"
[ "$(tail -n1 "$work/suite.out")" = "1 passed, 1 failed, 1 skipped" ] &&
	pass "suite summary" || fail "suite summary: $(tail -n1 "$work/suite.out")"

# The kernel's own failures.
# expect_report NAME ERE WHAT [run options] -- SCRIPT: the run must fail
# with a kernel report, its last line matching ERE.
expect_report() {
	local name=$1 ere=$2 what=$3
	shift 3
	vm "$name" "$@"
	[ "$rc" -eq 123 ] && last "$name" | grep -qE "$ere" &&
		pass "$what" || fail "$what: status $rc, $(last "$name")"
}
expect_report panic 'kernel problem \(panic\): Kernel panic' "kernel panic detected" -- \
	'echo c > /proc/sysrq-trigger; sleep 10; exit 0'

# A complaint the console did not show (log level lowered) still counts;
# a message written to /dev/kmsg stands in for a kernel BUG.
expect_report quietbug 'kernel problem \(BUG\): BUG: selftest stand-in' "kernel BUG found in dmesg" -- \
	'dmesg -n 1; echo "<3>BUG: selftest stand-in" > /dev/kmsg; exit 0'

# The lockup watchdogs run (Debian's kernels boot with them; the test bed
# used to switch them off), and an RCU stall report fails the run by its
# name.
expect_report watchdog 'kernel problem \(RCU stall\): rcu: INFO: rcu_preempt self-detected stall' \
	"RCU stall named" -- \
	'echo "watchdog=$(cat /proc/sys/kernel/watchdog) soft=$(cat /proc/sys/kernel/soft_watchdog)"
echo "<3>rcu: INFO: rcu_preempt self-detected stall on CPU" > /dev/kmsg; exit 0'
grep -qx 'watchdog=1 soft=1' "$work/watchdog.out" && pass "soft-lockup watchdog on" ||
	fail "watchdog: $(grep '^watchdog=' "$work/watchdog.out")"

vm timeout --timeout 10 -- 'sleep 60; exit 0'
[ "$rc" -eq 124 ] && last timeout | grep -q 'FAIL: timeout' &&
	pass "timeout detected" || fail "timeout: status $rc, $(last timeout)"

# Suspend-to-idle stops the guest without a kernel message: a hang.
VM_HANG=8 vm hang --timeout 120 -- 'echo freeze > /sys/power/state; sleep 60; exit 0'
[ "$rc" -eq 125 ] && last hang | grep -q 'FAIL: hang' &&
	pass "hang detected" || fail "hang: status $rc, $(last hang)"

# The newer kernel, when its headers are installed (mk/deps.list does not
# require it).
k612=$(dpkg-query -W -f='${Package}\n' 'linux-headers-6.12.*+deb12-amd64' 2>/dev/null |
	sed -n 's/^linux-headers-//p' | sort -V | tail -n1)
if [ -n "$k612" ]; then
	kver_saved=$kver kver=$k612
	vm k612 -- 'uname -r; exit 5'
	kver=$kver_saved
	[ "$rc" -eq 5 ] && grep -qx "$k612" "$work/k612.out" &&
		pass "--kernel $k612 boots" || fail "--kernel $k612: status $rc, $(last k612)"
else
	echo "SKIP: no linux-headers-6.12.*+deb12-amd64 installed"
	nk=$((nk + 1))
fi

# The debug kernel's checkers, each provoked for real: a leak and an
# out-of-bounds read by tests/vm/faulty.c, a frozen CPU and an RCU reader
# that never ends by the kernel's test_lockup.ko.
dk=$("$top/mk/debug-kernel.sh" --dir "${L7_CACHE:-/var/cache/xt-layer7}")
if [ -f "$dk/done" ]; then
	kver_saved=$kver kver=debug
	# Slow to boot and to scan for leaks on a loaded host: 600 s each.
	# Three boots, not one per checker: a boot costs most of a minute.
	# tests/vm/faulty.c, built against the debug kernel, loaded from the
	# share.
	mkdir -p "$work/faulty" "$work/faultshare"
	cp "$top/tests/vm/faulty.c" "$work/faulty/l7faulty.c"
	echo 'obj-m := l7faulty.o' > "$work/faulty/Kbuild"
	if make -s -C "$dk/src" M="$work/faulty" modules > "$work/faulty.log" 2>&1; then
		cp "$work/faulty/l7faulty.ko" "$work/faultshare/"
		expect_report dbgleak 'kernel problem \(kmemleak\): [0-9]+ unreferenced object\(s\), the first from l7faulty_leak' \
			"a leak fails the run" --share "$work/faultshare" --timeout 600 -- 'uname -r
for m in "KernelAddressSanitizer initialized" "Lock dependency validator" \
		"kmemleak: Kernel memory leak detector initialized"; do
	dmesg | grep -q "$m" || echo "missing: $m"
done
insmod /mnt/share/l7faulty.ko leak=1; exit 0'
		grep -q -- '-l7debug$' "$work/dbgleak.out" &&
			! grep -q '^missing: ' "$work/dbgleak.out" &&
			pass "debug kernel boots with KASAN, lockdep and kmemleak" ||
			fail "debug kernel boot: $(grep -m1 '^missing: ' "$work/dbgleak.out" || last dbgleak)"
		# KASAN panics (panic_on_warn): a boot of its own.
		expect_report dbgkasan 'kernel problem \(KASAN\): BUG: KASAN: slab-out-of-bounds in l7faulty_init' \
			"an out-of-bounds read fails the run" --share "$work/faultshare" --timeout 600 -- 'insmod /mnt/share/l7faulty.ko oob=1; exit 0'
	else
		fail "building tests/vm/faulty.c: $(tail -n1 "$work/faulty.log")"
	fi
	# A preemptible RCU reader held: only RCU notices, and fails the run.
	# Then a CPU frozen with preemption off: the soft-lockup watchdog's
	# report must reach the host's scan as well.
	expect_report dbgrcu 'kernel problem \(RCU stall\)' \
		"an RCU reader held for 30 s fails the run" --timeout 600 -- 'modprobe test_lockup time_secs=30 lock_rcu=1
modprobe -r test_lockup
modprobe test_lockup time_secs=30 disable_preempt=1; exit 0'
	grep -q '] watchdog: BUG: soft lockup' "$work/dbgrcu.out" &&
		pass "a CPU frozen for 30 s is reported" ||
		fail "a CPU frozen for 30 s: no soft lockup report in the log"
	kver=$kver_saved
else
	echo "SKIP: the debug kernel is not built (make debug-kernel)"
	nk=$((nk + 1))
fi

if [ $nk -gt 0 ]; then
	echo "$np passed, $nf failed, $nk skipped"
else
	echo "$np passed, $nf failed"
fi
[ $nf -eq 0 ]
