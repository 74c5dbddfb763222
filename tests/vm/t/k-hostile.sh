# Hostile checkentry input: rules iptables would never build, handed to
# the kernel with IPT_SO_SET_REPLACE (tests/vm/helpers/l7badrule.c).
# Every malformed one is refused with EINVAL and a kernel log line naming
# the problem, the table stays as it was, and nothing crashes (the test
# bed turns any WARNING or Oops into a failure).
. /usr/local/lib/vmtest.sh
iptables -L -n >/dev/null	# loads the filter table
modprobe xt_layer7

# refused CASE LOGTEXT
refused() {
	local out rc
	dmesg -c >/dev/null
	out=$(l7badrule "$1")
	rc=$?
	if [ $rc -ne 1 ]; then
		fail "$1: expected EINVAL, got '$out' (status $rc)"
		return
	fi
	if dmesg | grep -q "] xt_layer7: .*$2"; then
		ok "$1 refused, logged '$2'"
	else
		fail "$1: no 'xt_layer7: ...$2' in the kernel log: $(dmesg | tail -n 3)"
	fi
	[ -z "$(iptables -S INPUT | grep layer7)" ] || fail "$1: a rule was installed"
}

expect_eq "a well-formed crafted rule is accepted" accepted "$(l7badrule ok)"
iptables -S INPUT | grep -q -- '-m layer7 --l7proto crafted' &&
	ok "the crafted rule reads back" || fail "crafted rule: $(iptables -S INPUT)"
# the kernel-private pointer never reaches userspace
iptables-save | grep -q crafted && ok "iptables-save reads the rule" || fail "iptables-save"
iptables -F INPUT

refused name-unterminated "protocol name not terminated"
refused name-empty "protocol name empty or not printable"
refused name-unprintable "protocol name empty or not printable"
refused dir-unterminated "l7dir not terminated"
refused pattern-unterminated "pattern not terminated"
refused pattern-paren "pattern rejected at offset"
refused pattern-range "pattern rejected at offset"
refused flags "unknown flags 0x80"

# a userspace value in the private tail is ignored: the kernel sets it
expect_eq "garbage in the private pointer is overwritten" accepted "$(l7badrule garbage-pointer)"
iptables -F INPUT

# the largest pattern the ABI can carry: bounded compile, no crash
out=$(l7badrule pattern-big)
case $out in
accepted|"refused: Invalid argument") ok "8191-byte pattern: $out";;
*) fail "8191-byte pattern: $out";;
esac
iptables -F INPUT

# nothing leaked: the module unloads once its rules are gone
iptables -F
check "module unloads after the hostile rules" rmmod xt_layer7
finish
