# A namespace that exits does not wait for its combination (issue 13,
# finding 4).  A tenant, root of its own user and network namespaces
# only, adds 21 rules: one over hb0 (l7_hostile_patterns: no DFA, 8000
# closure steps per DFA state, so combining it runs into the set's work
# bound, kernel/l7k_set.c) and 20 over protocols/ definitions.  A second
# after its last rule the module starts combining them in its worker;
# while the worker runs that combination (its kworker's name ends in
# "+xt_layer7_set"), every process of the tenant is killed, and the
# scenario measures how long until the worker is idle and until the
# namespace is cleaned up (the module's reference count back where it
# was: its tables, hence its rules, are gone).  The baseline is a
# tenant with the 20 protocol rules alone, killed once its combination
# is published.  Before the fix the exit waited for the compile: 16.9 s,
# the module's unload and the cleanup of every dying namespace held up
# meanwhile.
#
# Pass: the worker idle within EXIT_MS (1000) ms of the kill, the
# cleanup at most EXIT_MS longer than the baseline's (under TCG both
# take a second or so: conntrack's cleanup and RCU grace periods), the
# module unloads, loads again and classifies.  Prints the three times.
# Knobs (NAME=VALUE arguments of tests/vm/run): EXIT_MS.
# vm-run: --timeout 600
. /usr/local/lib/vmtest.sh
limit=${EXIT_MS:-1000}
tenant_prepare
cg_setup || skip "no cgroup v2"
l7_hostile_patterns /tmp/hostile

cat > /tmp/exit-tenant.sh <<'T'
out=$1 hostile=$2
{
	echo '*filter'
	[ $hostile = 1 ] && echo "-A OUTPUT -m layer7 --l7dir /tmp/hostile --l7proto hb0"
	for p in http ssh ftp smtp pop3 imap irc nntp rtsp sip bittorrent mysql \
		postgresql redis mqtt smb rdp ldap jabber tls socks telnet vnc rsync; do
		[ -f /etc/l7-protocols/$p.pat ] && echo "-A OUTPUT -m layer7 --l7proto $p"
	done | head -n 20
	echo COMMIT
} > /tmp/exit-rules.$hostile
t0=$(awk '{ print $1 * 1000 }' /proc/uptime)
iptables-restore < /tmp/exit-rules.$hostile || echo "restore failed" >> $out
echo "restored $(awk -v t=$t0 '{ printf "%d", $1 * 1000 - t }' /proc/uptime)" >> $out
while :; do
	awk '$1 == "combined_patterns" { print "combined", $2 }' /proc/net/xt_layer7/stats >> $out
	sleep 0.5
done
T

# busy: whether the module's worker is running a work item now
busy() { grep -ql '+xt_layer7_set' /proc/[0-9]*/comm 2>/dev/null; }
refcnt() { cat /sys/module/xt_layer7/refcnt; }

# kill_tenant: kill every process of the tenant; sets idle (ms until the
# worker is idle) and clean (ms until the module's reference count is
# back to $r0), -1 for "not within 30 s"
kill_tenant() {
	local t0=$(now_ms) i=0
	idle= clean=
	echo 1 > /sys/fs/cgroup/exit/cgroup.kill
	while [ $i -lt 3000 ] && { [ -z "$idle" ] || [ -z "$clean" ]; }; do
		[ -z "$idle" ] && ! busy && idle=$(($(now_ms) - t0))
		[ -z "$clean" ] && [ "$(refcnt)" -le "$r0" ] && clean=$(($(now_ms) - t0))
		i=$((i + 1))
		sleep 0.01
	done
	idle=${idle:--1} clean=${clean:--1}
	wait $tpid 2>/dev/null
}

# start HOSTILE: a tenant in cgroup "exit", its figures in /tmp/exit.out
start() {
	mkdir -p /sys/fs/cgroup/exit
	: > /tmp/exit.out
	chmod 666 /tmp/exit.out
	tenant exit /tmp/exit-tenant.sh /tmp/exit.out $1 &
	tpid=$!
	i=0
	while ! grep -q '^restored' /tmp/exit.out && [ $i -lt 3000 ]; do sleep 0.2; i=$((i + 1)); done
	grep -q "restore failed" /tmp/exit.out && fail "the tenant's rules were refused"
	echo "rules restored in $(awk '$1 == "restored" { print $2 }' /tmp/exit.out) ms"
}

modprobe xt_layer7
r0=$(refcnt)

# ---- during the combination ---------------------------------------------------
start 1
i=0 seen=0
# two looks 0.1 s apart: a combination, not the short work of freeing a set
while [ $i -lt 600 ]; do
	if busy; then
		sleep 0.1
		busy && { seen=1; break; }
	fi
	sleep 0.05
	i=$((i + 1))
done
if [ $seen = 1 ]; then
	ok "the worker is combining the tenant's patterns"
	kill_tenant
	didle=$idle dclean=$clean
	echo "exit during the combination: worker idle after $didle ms, namespace cleaned up after $dclean ms"
	[ "$didle" -ge 0 ] && [ "$didle" -le "$limit" ] &&
		ok "the worker stopped the dying namespace's combination within $didle ms" ||
		fail "the worker was still busy $didle ms after the tenant was killed (allowed $limit)"
else
	fail "never saw the worker combining the tenant's patterns"
	kill_tenant
	dclean=-1
fi

# ---- the baseline: no hostile pattern, its combination published ---------------
start 0
n=$(grep -c '^-A' /tmp/exit-rules.0)
i=0
while ! grep -q "^combined $n\$" /tmp/exit.out && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done
if grep -q "^combined $n\$" /tmp/exit.out; then
	kill_tenant
	echo "baseline: namespace cleaned up after $clean ms"
	if [ "$dclean" -ge 0 ] && [ "$clean" -ge 0 ]; then
		[ "$dclean" -le $((clean + limit)) ] &&
			ok "exit during the combination: cleaned up after $dclean ms, $clean ms without one" ||
			fail "exit during the combination: cleaned up after $dclean ms, $clean ms without one (allowed +$limit)"
	else
		fail "a namespace was not cleaned up within 30 s (during $dclean, baseline $clean)"
	fi
else
	fail "the baseline tenant's $n patterns were never combined"
	kill_tenant
fi
t0=$(now_ms)
i=0
while [ $i -lt 500 ] && ! rmmod xt_layer7 2>/dev/null; do sleep 0.01; i=$((i + 1)); done
grep -q '^xt_layer7 ' /proc/modules && fail "the module does not unload after the tenants" ||
	echo "module unloaded $(($(now_ms) - t0)) ms after the baseline's cleanup"

# ---- classification works afterwards --------------------------------------------
grep -q '^xt_layer7 ' /proc/modules && rmmod xt_layer7 2>/dev/null
modprobe xt_layer7 || fail "the module does not load again"
mkdir -p /tmp/pats
printf 'greet\n^hello\n' > /tmp/pats/greet.pat
iptables -A OUTPUT -p tcp --dport 7000 -m layer7 --l7dir /tmp/pats --l7proto greet
l7conv -l 7000 r >/dev/null 2>&1 &
i=0
while [ $i -lt 50 ] && ! netstat -ltn | grep -q ':7000 '; do sleep 0.1; i=$((i + 1)); done
l7conv -c 127.0.0.1 7000 s:hello >/dev/null
wait
expect_eq "classifying after the unload and reload" 1 "$(awk '$1 == "decided" { print $2 }' /proc/net/xt_layer7/stats)"
iptables -F OUTPUT
check "module unloads at the end" rmmod xt_layer7
finish
