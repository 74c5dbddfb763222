#!/bin/sh
# l7-qos without a kernel: iptables, ip6tables, tc and ip are stand-ins
# (tests/l7qos/fake) that log each call and keep a model of the state.
# Checks the refusals (each before any change), the exact --dry-run
# output, that an apply runs exactly what --dry-run printed, that
# applying twice ends in the same state, that --clear restores the state
# found, and that a failing command undoes the setup.  Every case runs
# with each shell given (dash, busybox sh: the guest's).
# Usage: run.sh TOP WORKDIR SHELL...  (TOP: the source tree)
set -u
top=$1 work=$2
shift 2
tool=$top/tools/l7-qos
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0 skipped=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: [$sh] $*"; fail=$((fail + 1)); }

rm -rf "$work" && mkdir -p "$work/bin" "$work/pats/sub" || exit 1
cd "$work" || exit 1
for c in iptables ip6tables tc ip; do
	ln -s "$here/fake" "bin/$c"
done
for p in http ssh dns; do
	printf '# test\n%s\n^%s\n' $p $p > pats/$p.pat
done
printf '# test\nbittorrent\n^bt\n' > pats/sub/bittorrent.pat
pats=$work/pats
unset TC IP IPTABLES IP6TABLES
export FAKE="$work/fake"
PATH=$work/bin:$PATH

# As root, the tool runs in a network namespace of its own: were it to
# reach a real command, the machine's rules would not change.
netns=
if [ "$(id -u)" = 0 ]; then
	if ! unshare --net true 2>/dev/null; then
		echo "SKIP: root without unshare --net: no test that could reach the real iptables"
		echo "0 passed, 0 failed, 1 skipped"
		exit 0
	fi
	netns="unshare --net"
fi

# qos [ARGS...]: the tool under $sh; output in out, errors in err (the
# stand-ins' directory left out), status in rc; the commands it ran in
# $FAKE/log.
qos() {
	: > "$FAKE/log"
	# shellcheck disable=SC2086 # a command and its options
	$netns $sh "$tool" "$@" > out.raw 2> err.raw
	rc=$?
	sed "s|$work/bin/||g" out.raw > out
	sed "s|$work/bin/||g" err.raw > err
}

# fresh: the model's starting point, a router with rules of its own.
fresh() {
	rm -rf "$FAKE" && mkdir -p "$FAKE/state"
	touch "$FAKE/state/link-wan" "$FAKE/state/link-lan"
	iptables -t mangle -A PREROUTING -i lan -j MARK --set-mark 0x1/0x1
	iptables -t mangle -A POSTROUTING -o lan -j CONNMARK --save-mark
	ip6tables -t mangle -A FORWARD -j ACCEPT
	: > "$FAKE/log"
}

# state: the model, every file with its contents.
state() {
	(cd "$FAKE/state" && find . -type f | LC_ALL=C sort | while read -r f; do
		echo "== $f"
		cat "$f"
	done)
}

# changes: the commands of the log that change something.
changes() {
	grep -vE '^[a-z0-9]+ (-d )?(-t mangle )?(-S|-C|qdisc show|filter show|link show)( |$)' "$FAKE/log"
}

cat > good.conf <<EOF
# a router's uplink
interface wan
upload   10mbit
download 50mbit    # what the line really does, a little less
patterns $pats

class web   protocols http,ssh    rate 2mbit/10mbit ceil 5mbit/20mbit prio 1
class bulk  protocols bittorrent  rate 512kbit ceil 512kbit prio 6
default     rate 1mbit/5mbit
EOF
# What --dry-run prints for good.conf on a fresh router.
sed "s|@PATS@|$pats|g" "$here/dry-run.expect" > dry.expect

# refused MESSAGE: the last run stopped with status 2, MESSAGE on stderr,
# "nothing changed", and no command changed anything.
refused() {
	if [ $rc -ne 2 ]; then
		bad "$case: exit status $rc, want 2: $(head -n 3 err | tr '\n' '|')"
	elif ! grep -qF -- "$1" err; then
		bad "$case: no '$1' in: $(tr '\n' '|' < err)"
	elif ! grep -qx 'l7-qos: nothing changed' err; then
		bad "$case: no 'nothing changed'"
	elif [ -n "$(changes)" ]; then
		bad "$case: changed something: $(changes | head -n 3 | tr '\n' '|')"
	elif [ -s out ]; then
		bad "$case: printed commands: $(head -n 2 out | tr '\n' '|')"
	else
		ok
	fi
}

# bad_conf MESSAGE SED: good.conf edited by SED is refused with MESSAGE.
bad_conf() {
	case="config: $1"
	sed "$2" good.conf > bad.conf
	fresh
	qos bad.conf
	refused "$1"
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: want '$2', got '$3'"; fi
}

run_cases() {
	# ---- usage --------------------------------------------------------
	fresh
	qos
	[ $rc -eq 2 ] && grep -q '^Usage: l7-qos' err && ok || bad "no argument: exit $rc"
	qos --help
	[ $rc -eq 0 ] && grep -q -- '--dry-run' out && grep -q -- '--clear' out && ok ||
		bad "--help: exit $rc"
	qos --bogus good.conf
	[ $rc -eq 2 ] && grep -q 'unknown option --bogus' err && ok || bad "--bogus: exit $rc"
	qos a.conf b.conf
	[ $rc -eq 2 ] && ok || bad "two configurations: exit $rc"
	fresh
	qos missing.conf
	case="missing file"
	[ $rc -eq 2 ] && grep -q 'missing.conf: no such readable file' err && ok ||
		bad "$case: exit $rc: $(cat err)"

	# ---- configuration errors, each reported with its line ------------
	bad_conf "bad.conf:2: unknown keyword 'interfaces'" 's/^interface /interfaces /'
	bad_conf "no 'interface' line" '/^interface/d'
	bad_conf "no 'upload' line" '/^upload/d'
	bad_conf "no 'download' line" '/^download/d'
	bad_conf "no 'default' line" '/^default/d'
	bad_conf "no 'class' line" '/^class/d'
	bad_conf "interface 'a/b': not an interface name" 's/^interface wan/interface a\/b/'
	bad_conf "interface 'abcdefghijklmnop': longer than 15" 's/^interface wan/interface abcdefghijklmnop/'
	bad_conf "interface takes one value" 's/^interface wan/interface wan lan/'
	bad_conf "upload '10mb': a rate" 's/^upload   10mbit/upload 10mb/'
	bad_conf "upload '1.5mbit': a rate" 's/^upload   10mbit/upload 1.5mbit/'
	bad_conf "upload '010mbit': a rate" 's/^upload   10mbit/upload 010mbit/'
	bad_conf "bad.conf:7: web: rate '2mbit/': a rate" 's|rate 2mbit/10mbit|rate 2mbit/|'
	bad_conf "bulk: rate '0kbit': a rate" 's/rate 512kbit/rate 0kbit/'
	bad_conf "the upload rates add up to 10512kbit, more than the link's 10000kbit" 's|rate 1mbit/5mbit|rate 8mbit/5mbit|'
	bad_conf "the download rates add up to 50512kbit, more than the link's 50000kbit" 's|rate 1mbit/5mbit|rate 1mbit/40mbit|'
	bad_conf "bad.conf:7: web: upload ceil 1000kbit is below its rate 2000kbit" 's|ceil 5mbit/20mbit|ceil 1mbit/20mbit|'
	bad_conf "web: download ceil 60000kbit is above the link's 50000kbit" 's|ceil 5mbit/20mbit|ceil 5mbit/60mbit|'
	bad_conf "bulk: prio '8': 0 (first) to 7" 's/prio 6/prio 8/'
	bad_conf "bulk: unknown setting 'speed'" 's/rate 512kbit/speed 512kbit/'
	bad_conf "bulk: 'prio' needs a value" 's/prio 6/prio/'
	bad_conf "bulk: no rate" 's/rate 512kbit ceil 512kbit//'
	bad_conf "bulk: no protocols" 's/protocols bittorrent//'
	bad_conf "default: takes what no class took" 's/^default /default protocols dns /'
	bad_conf "default: a second default line" '$a\
default rate 1kbit'
	bad_conf "class web: named twice (first on line 7)" 's/^class bulk/class web/'
	bad_conf "class default: the default class has its own line" 's/^class bulk/class default/'
	bad_conf "class 'b*lk': names are letters" 's/^class bulk/class b*lk/'
	bad_conf "bad.conf:8: bulk: unknown protocol nosuch: no nosuch.pat in $pats or its subdirectories" 's/bittorrent/nosuch/'
	bad_conf "bulk: protocol http is in an earlier class already" 's/bittorrent/http/'
	bad_conf "web: unset matches every connection not decided yet" 's/http,ssh/http,unset/'
	bad_conf "web: protocol '../x': names are letters" 's|http,ssh|http,../x|'
	bad_conf "patterns /nonexistent: no such directory" 's|^patterns .*|patterns /nonexistent|'
	bad_conf "mask 0xf0f0: its bits must be contiguous" '1a\
mask 0xf0f0'
	bad_conf "mask 0x1: too narrow for 2 classes (at most 1)" '1a\
mask 0x1'
	bad_conf "mask 'ff': hexadecimal" '1a\
mask ff'
	bad_conf "burst '10': milliseconds" '1a\
burst 10'
	bad_conf "burst '2000ms': milliseconds" '1a\
burst 2000ms'
	# CRLF line ends are read as LF ones.
	case="CRLF"
	fresh
	sed 's/$/\r/' good.conf > crlf.conf
	qos --dry-run crlf.conf
	[ $rc -eq 0 ] && cmp -s out dry.expect && ok || bad "$case: exit $rc: $(head -n 2 err | tr '\n' '|')"

	# All errors at once, not only the first.
	case="several errors"
	sed -e 's/prio 6/prio 9/' -e 's/bittorrent/nosuch/' -e 's/^upload .*/upload 10/' good.conf > bad.conf
	fresh
	qos bad.conf
	n=$(grep -c 'bad.conf:' err)
	[ "$n" -eq 2 ] && ok || bad "$case: $n errors reported, want 2 (prio, upload; protocols only once the rest is right): $(tr '\n' '|' < err)"

	# ---- the system's state, still before any change ------------------
	case="no interface"
	fresh
	rm "$FAKE/state/link-wan"
	qos good.conf
	refused "interface wan: no such device"
	case="foreign root qdisc"
	fresh
	tc qdisc add dev wan root handle 1: htb default 10
	qos good.conf
	refused "wan has a root qdisc htb 1: that l7-qos did not set up"
	case="foreign ingress qdisc"
	fresh
	tc qdisc add dev wan handle ffff: ingress
	qos good.conf
	refused "wan has an ingress qdisc that l7-qos did not set up"
	case="device name taken"
	fresh
	echo "dummy" > "$FAKE/state/link-l7q-wan"
	qos good.conf
	refused "a device l7q-wan exists and is no IFB"
	case="definition the extension rejects"
	fresh
	echo ssh > "$FAKE/badproto"
	qos good.conf
	refused "protocol ssh: iptables v1.8.9 (legacy): layer7: No pattern line"
	rm -f "$FAKE/badproto"

	# ---- dry run: the exact commands, nothing changed -----------------
	fresh
	s0=$(state)
	qos --dry-run good.conf
	if [ $rc -eq 0 ] && diff -u dry.expect out > dry.diff; then ok
	else bad "--dry-run: exit $rc, output differs:"; cat dry.diff; fi
	[ -z "$(changes)" ] && [ "$s0" = "$(state)" ] && ok || bad "--dry-run changed something"
	cp out dry.out

	# ---- apply: what --dry-run printed, in that order -----------------
	qos good.conf
	[ $rc -eq 0 ] && [ ! -s out ] && [ ! -s err ] && ok ||
		bad "apply: exit $rc: $(tr '\n' '|' < err)"
	changes > ran
	diff -u dry.out ran > ran.diff && ok || { bad "apply ran other commands than --dry-run printed:"; cat ran.diff; }
	s1=$(state)

	# Again: the previous setup goes first, the state ends the same.
	qos --dry-run good.conf
	cp out dry2.out
	qos good.conf
	[ $rc -eq 0 ] && ok || bad "second apply: exit $rc: $(tr '\n' '|' < err)"
	expect_eq "second apply: state" "$s1" "$(state)"
	changes > ran2
	diff -u dry2.out ran2 > ran.diff && ok || { bad "second apply ran other commands than --dry-run printed:"; cat ran.diff; }
	n=$(grep -cE ' (-D|-F|-X|del) ' ran2)
	expect_eq "second apply: removals first" "$(head -n "$n" ran2)" "$(grep -E ' (-D|-F|-X|del) ' ran2)"
	expect_eq "second apply: teardown" "tc qdisc del dev wan root|tc qdisc del dev wan ingress|ip link del dev l7q-wan|iptables -t mangle -D PREROUTING -i wan -j L7QOS-wan|iptables -t mangle -D POSTROUTING -o wan -j L7QOS-wan|iptables -t mangle -F L7QOS-wan|iptables -t mangle -X L7QOS-wan|ip6tables -t mangle -D PREROUTING -i wan -j L7QOS-wan|ip6tables -t mangle -D POSTROUTING -o wan -j L7QOS-wan|ip6tables -t mangle -F L7QOS-wan|ip6tables -t mangle -X L7QOS-wan" \
		"$(head -n "$n" ran2 | tr '\n' '|' | sed 's/|$//')"

	# ---- clear: the state found before, and nothing left --------------
	qos --clear good.conf
	[ $rc -eq 0 ] && ok || bad "--clear: exit $rc: $(tr '\n' '|' < err)"
	expect_eq "--clear: the state before" "$s0" "$(state)"
	qos --dry-run --clear good.conf
	[ $rc -eq 0 ] && [ ! -s out ] && ok || bad "--clear left something: $(tr '\n' '|' < out)"
	qos --clear good.conf
	[ $rc -eq 0 ] && [ -z "$(changes)" ] && ok || bad "a second --clear: exit $rc, ran $(changes | head -n 2)"

	# A jump to our chain that l7-qos did not add stays, and keeps the
	# chain: --clear says so and fails.
	fresh
	qos good.conf
	iptables -t mangle -A FORWARD -j L7QOS-wan
	qos --clear good.conf
	[ $rc -eq 1 ] && grep -qx 'l7-qos: failed: iptables -t mangle -X L7QOS-wan' err && ok ||
		bad "--clear with a foreign jump: exit $rc: $(tr '\n' '|' < err)"
	expect_eq "--clear with a foreign jump: it stays" "-A FORWARD -j L7QOS-wan" \
		"$(iptables -t mangle -S FORWARD | grep -- '-j L7QOS')"

	# ---- a failing command: what was done is undone -------------------
	for cmd in "tc qdisc add dev l7q-wan root handle 17: htb default 10" \
		   "ip6tables -t mangle -A POSTROUTING -o wan -j L7QOS-wan" \
		   "tc filter add dev wan parent ffff: protocol all prio 1 matchall action connmark action mirred egress redirect dev l7q-wan"; do
		case="failure of $cmd"
		fresh
		s0=$(state)
		echo "$cmd" > "$FAKE/fail"
		qos good.conf
		rm -f "$FAKE/fail"
		if [ $rc -eq 1 ] && grep -qF "l7-qos: failed: $cmd; undoing what was done" err; then ok
		else bad "$case: exit $rc: $(tr '\n' '|' < err)"; fi
		expect_eq "$case: state" "$s0" "$(state)"
	done

	# ---- IPv6 -----------------------------------------------------------
	case="ip6tables broken"
	fresh
	s0=$(state)
	touch "$FAKE/no6"
	qos good.conf
	[ $rc -eq 0 ] && grep -q 'ip6tables does not work here: IPv6 connections stay in the default class' err &&
		ok || bad "$case: exit $rc: $(tr '\n' '|' < err)"
	[ -z "$(changes | grep '^ip6tables')" ] && ok || bad "$case: ip6tables changes"
	qos --clear good.conf
	rm -f "$FAKE/no6"
	expect_eq "$case: --clear" "$s0" "$(state)"
	# Not installed: IP6TABLES names no command (the host's own must not
	# be found in PATH).
	case="no ip6tables"
	fresh
	export IP6TABLES="$work/nowhere/ip6tables"
	qos good.conf
	[ $rc -eq 0 ] && [ ! -s err ] && [ -z "$(grep ip6tables "$FAKE/log")" ] && ok ||
		bad "$case: exit $rc: $(tr '\n' '|' < err)"
	qos --clear good.conf
	unset IP6TABLES

	# ---- rule order ---------------------------------------------------
	# ORDER first, whatever the class; the rest as the classes list them.
	case="ORDER"
	fresh
	printf '# test\ndns\nssh\nbittorrent  # before http\n\nhttp\n' > pats/ORDER
	qos --dry-run good.conf
	rm pats/ORDER
	expect_eq "$case: rule order" "ssh 0x10000,bittorrent 0x20000,http 0x10000," \
		"$(sed -n 's/^iptables .* --l7proto \([^ ]*\) .*--set-mark \([^/]*\)\/.*/\1 \2/p' out | tr '\n' ',')"

	# The example of the manual page, with the project's definitions.
	case="tools/l7-qos.conf.example"
	fresh
	touch "$FAKE/state/link-eth0"
	{ echo "patterns $top/protocols"; cat "$top/tools/l7-qos.conf.example"; } > example.conf
	qos --dry-run example.conf
	if [ $rc -eq 0 ] && grep -q -- '^iptables -t mangle -A POSTROUTING -o eth0 -j L7QOS-eth0$' out; then
		ok
	else
		bad "$case: exit $rc: $(tr '\n' '|' < err)"
	fi
	# protocols/ORDER: http2 before bittorrent before http.
	order=$(sed -n 's/^iptables .* --l7proto \([^ ]*\) .*/\1/p' out | tr '\n' ' ')
	case " $order" in
	*" http2 "*"bittorrent "*"http "*) ok ;;
	*) bad "$case: rules not in protocols/ORDER's order: $order" ;;
	esac

	# ---- other settings -------------------------------------------------
	case="mask, burst, a long interface name"
	fresh
	touch "$FAKE/state/link-enp3s0f1np1abc"
	sed -e '1a\
mask 0x3f00\
burst 50ms' -e 's/^interface wan/interface enp3s0f1np1abc/' good.conf > other.conf
	qos --dry-run other.conf
	grep -q -- '-A L7QOS-enp3s0f1np1abc -m layer7 --l7proto bittorrent --l7dir [^ ]* -j CONNMARK --set-mark 0x200/0x3f00$' out &&
		ok || bad "$case: no mark 0x200/0x3f00 for the second class"
	grep -q '^tc filter add dev l7q-enp3s0f1np1 parent 17: protocol all prio 1 handle 0x100/0x3f00 fw classid 17:11$' out &&
		ok || bad "$case: no IFB l7q-enp3s0f1np1 with the first class's filter"
	# 50 ms: 12500 bytes of 2 Mbit/s, 3200 of 512 kbit/s.
	grep -q '^tc class add dev enp3s0f1np1abc parent 17:1 classid 17:11 htb rate 2000kbit ceil 5000kbit burst 12500 cburst 31250 prio 1 quantum 25000$' out &&
		grep -q 'classid 17:12 htb rate 512kbit ceil 512kbit burst 3200 cburst 3200 prio 6 quantum 6400$' out &&
		ok || bad "$case: bursts of 50 ms: $(grep 'classid 17:1[12] ' out | tr '\n' '|')"
}

for sh in "$@"; do
	# shellcheck disable=SC2086
	if ! $sh -c 'true' 2>/dev/null; then
		echo "SKIP: no shell '$sh'"
		skipped=$((skipped + 1))
		continue
	fi
	# busybox sh runs its own ip and tc whatever PATH says: as in the VM,
	# TC and IP name the commands.
	case $sh in
	*busybox*) export TC=$work/bin/tc IP=$work/bin/ip ;;
	*) unset TC IP ;;
	esac
	run_cases
done

if [ $skipped -gt 0 ]; then
	echo "$pass passed, $fail failed, $skipped skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
