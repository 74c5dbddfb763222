# A tenant pays for its own connections (issue 13, finding 1).  Root of
# its own user and network namespaces only, in a cgroup with
# memory.max = OOM_MAX (32M), it adds layer7 rules over the worst
# patterns we know (l7_hostile_patterns: NFA-only, about 13 KB of scan
# state per connection each) and opens undecided connections on its own
# loopback, one byte each, as many as OOM_CONNS (1500).  Before the fix
# (regexp/l7re_env.h: the core's packet-path allocations without
# __GFP_ACCOUNT) the module charged nobody: 700 such connections through
# 64 patterns took 549 MB while the tenant's cgroup showed 9 MB and the
# global OOM killer killed init.  With the namespace bound alone (the
# new packet path, engine state still uncharged) this scenario measured:
# 1294 connections held, the module holding 67 MB (max_memory) for the
# tenant while its cgroup showed 9.4 MB of its 32 MiB, memory.max never
# reached, the host's MemAvailable 92 MiB lower.  With the fix: 473
# connections, the module's peak 23.5 MB inside the cgroup's 32 MiB,
# memory.max reached 508 times, nomem 4, over_memory 39, three OOM kills
# inside the tenant, the host's MemAvailable 33 MiB lower at most.
#
# The tenant's own processes may meet its cgroup's OOM killer (its
# sockets are charged too): that is the point.  So the figures are read
# from outside, by a sampler of the initial namespace's root that joins
# the tenant's network namespace (and keeps it alive).
#
# Checks:
# - four patterns (about 52 KB per connection, under the bound of one
#   connection): the module's memory is charged to the tenant's cgroup
#   (memory.current at least what stats "memory" shows, at every
#   sample), the tenant runs into its own limit (memory.events "max",
#   and nomem or over_memory in its namespace's stats), and what the
#   module holds for it never exceeds memory.max;
# - eight patterns (about 104 KB per connection): each connection gives
#   up at once on the bound of one connection (over_memory), holding
#   next to nothing;
# - nobody else notices: no OOM kill outside the tenant's cgroup, a
#   process of the host outlives it all, the host's MemAvailable drops
#   by less than memory.max plus OOM_SLACK (32 MiB), and the module
#   unloads once the tenant is gone.
#
# Prints: connections held, peak module memory, peak memory.current,
# nomem and over_memory counts, the host's MemAvailable before and at
# its lowest.  Knobs (NAME=VALUE arguments of tests/vm/run): OOM_MAX,
# OOM_CONNS, OOM_SLACK.
# vm-run: --timeout 400
. /usr/local/lib/vmtest.sh
max=${OOM_MAX:-32M}
conns=${OOM_CONNS:-1500}
slack=${OOM_SLACK:-33554432}
tenant_prepare
cg_setup || skip "no cgroup v2 with the memory controller"
l7_hostile_patterns /tmp/hostile
avail() { awk '$1 == "MemAvailable:" { print $2 * 1024 }' /proc/meminfo; }
sleep 100000 &
bystander=$!

# The tenant: rules over the patterns given, a server, then CONNS
# connections held; "ready PID" tells the host it may start sampling.
cat > /tmp/oom-tenant.sh <<'T'
out=$1 conns=$2
shift 2
{
	echo '*filter'
	echo ':L7 - [0:0]'
	echo '-A OUTPUT -p tcp --dport 7000 -j L7'
	for p in "$@"; do echo "-A L7 -m layer7 --l7dir /tmp/hostile --l7proto $p"; done
	echo COMMIT
} | iptables-restore || { echo "restore failed" >> $out; exit 1; }
bench-tcp serve 7000 -k &
i=0
while [ $i -lt 50 ] && ! netstat -ltn | grep -q ':7000 '; do sleep 0.1; i=$((i + 1)); done
# the rules combine a second after the last change: measure with the set
sleep 2
echo "ready $$" >> $out
bench-tcp hold 127.0.0.1 7000 -s a -c $conns -t 600 > $out.hold 2>&1
echo "hold ended" >> $out
T

# The sampler, in the tenant's network namespace: its stats, its
# cgroup's memory.current, the host's MemAvailable, each half second.
cat > /tmp/oom-sample.sh <<'S'
cg=$1 out=$2
while [ ! -e $out.stop ]; do
	awk '$1 ~ /^(memory|undecided|nomem|over_memory)$/ { printf "%s %s ", $1, $2 }' /proc/net/xt_layer7/stats
	echo "current $(cat $cg/memory.current) avail $(awk '$1 == "MemAvailable:" { print $2 * 1024 }' /proc/meminfo)"
	sleep 0.5
done > $out.samples
S

# run_tenant NAME CONNS PATTERN...: a tenant in cgroup NAME holding
# CONNS connections; sampled until its connections are all open or
# refused, or its figures stop moving (its hold may have been
# OOM-killed).  Leaves /tmp/NAME.samples.
run_tenant() {
	local name=$1 n=$2 cg=/sys/fs/cgroup/$1 out=/tmp/$1 i pid last= same=0
	shift 2
	mkdir $cg
	echo "$max" > $cg/memory.max || skip "cannot set memory.max"
	: > $out
	chmod 666 $out
	tenant $name /tmp/oom-tenant.sh $out $n "$@" &
	i=0
	while ! grep -q '^ready' $out && ! grep -q 'restore failed' $out && [ $i -lt 600 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	grep -q "restore failed" $out && fail "$name: the tenant's rules were refused"
	pid=$(awk '$1 == "ready" { print $2 }' $out)
	[ -n "$pid" ] || { fail "$name: the tenant never got ready"; return 1; }
	rm -f $out.stop
	nsenter -t $pid -n sh /tmp/oom-sample.sh $cg $out &
	sampler=$!
	i=0
	while [ $i -lt 240 ]; do
		sleep 0.5
		i=$((i + 1))
		grep -q '^held\|bench-tcp:' $out.hold 2>/dev/null && break
		grep -q '^hold ended' $out && break
		# nothing moved for 5 s: the hold is stuck or gone
		now=$(tail -n 1 $out.samples 2>/dev/null | cut -d' ' -f1-8)
		[ "$now" = "$last" ] && same=$((same + 1)) || same=0
		last=$now
		[ $same -lt 10 ] || break
	done
	sleep 1
	touch $out.stop
	wait $sampler
	echo "$name: $(head -c 200 $out.hold 2>/dev/null | tr '\n' ' ')"
	echo "$name: memory.events $(tr '\n' ' ' < $cg/memory.events)"
	events_max=$(awk '$1 == "max" { print $2 }' $cg/memory.events)
	echo 1 > $cg/cgroup.kill
}
col() { awk -v k="$1" '{ for (i = 1; i < NF; i += 2) if ($i == k) v = $(i + 1) } END { print v + 0 }' "$2"; }
colmax() { awk -v k="$1" '{ for (i = 1; i < NF; i += 2) if ($i == k && $(i + 1) > m) m = $(i + 1) } END { print m + 0 }' "$2"; }
colmin() { awk -v k="$1" '{ for (i = 1; i < NF; i += 2) if ($i == k && (m == "" || $(i + 1) < m)) m = $(i + 1) } END { print m + 0 }' "$2"; }

# ---- four patterns: the tenant's cgroup pays, and runs into its limit --------
a0=$(avail)
run_tenant t4 $conns ha0 ha1 ha2 ha3
s=/tmp/t4.samples
maxb=$(cat /sys/fs/cgroup/t4/memory.max)
peak=$(colmax memory $s)
pcur=$(colmax current $s)
amin=$(colmin avail $s)
nomem=$(col nomem $s)
overm=$(col over_memory $s)
echo "four patterns: peak undecided $(colmax undecided $s), peak module memory $peak, peak memory.current $pcur of $maxb"
echo "  nomem $nomem, over_memory $overm; host MemAvailable $a0, lowest $amin"
[ "$(colmax undecided $s)" -gt 100 ] || fail "the tenant held only $(colmax undecided $s) undecided connections"
under=$(awk '{ m = c = -1; for (i = 1; i < NF; i += 2) { if ($i == "memory") m = $(i + 1); if ($i == "current") c = $(i + 1) }
	if (m > c) bad++ } END { print bad + 0 }' $s)
[ "$under" = 0 ] && ok "the module's memory is charged to the tenant (memory.current >= module memory in $(wc -l < $s) samples)" ||
	fail "the module held more than the tenant's cgroup showed in $under of $(wc -l < $s) samples"
[ "$peak" -le "$maxb" ] && ok "the module never held more than memory.max for the tenant (peak $peak)" ||
	fail "the module held $peak bytes for the tenant, memory.max is $maxb"
[ $((nomem + overm)) -gt 0 ] && ok "the tenant reads its failed allocations in its stats (nomem $nomem, over_memory $overm)" ||
	fail "no nomem nor over_memory counted in the tenant's stats"
[ "${events_max:-0}" -gt 0 ] && ok "the tenant reached its own memory.max ($events_max times)" ||
	fail "the tenant's cgroup never reached memory.max"
[ $((a0 - amin)) -le $((maxb + slack)) ] && ok "the host's MemAvailable dropped by $(((a0 - amin) >> 20)) MiB at most" ||
	fail "the host's MemAvailable dropped by $(((a0 - amin) >> 20)) MiB (memory.max $((maxb >> 20)) MiB)"

# ---- eight patterns: over the bound of one connection ------------------------
run_tenant t8 200 ha0 ha1 ha2 ha3 ha4 ha5 ha6 ha7
s=/tmp/t8.samples
echo "eight patterns: over_memory $(col over_memory $s), nomem $(col nomem $s), peak module memory $(colmax memory $s), peak undecided $(colmax undecided $s)"
[ "$(col over_memory $s)" -ge 100 ] &&
	ok "connections over the bound of one connection gave up (over_memory $(col over_memory $s))" ||
	fail "connections over the bound of one connection: over_memory $(col over_memory $s)"
[ "$(colmax memory $s)" -le 1048576 ] && ok "they hold next to nothing (peak $(colmax memory $s) bytes)" ||
	fail "200 connections over the bound held $(colmax memory $s) bytes"

# ---- nobody else noticed -----------------------------------------------------
kill -0 $bystander 2>/dev/null && ok "a process of the host outlived the tenants" ||
	fail "the host's bystander process was killed"
kill $bystander
n=$(dmesg | grep -c 'oom-kill:.*oom_memcg=/t[48],')
echo "OOM kills inside the tenants' cgroups: $n"
dmesg | grep 'oom-kill:' | grep -v 'oom_memcg=/t[48],' | grep -q . &&
	fail "an OOM kill outside the tenants' cgroups: $(dmesg | grep 'oom-kill:' | grep -v 'oom_memcg=/t[48],' | head -n 1)" ||
	ok "no OOM kill outside the tenants' cgroups"
i=0
while [ $i -lt 100 ] && grep -q '^xt_layer7 ' /proc/modules && ! rmmod xt_layer7 2>/dev/null; do
	sleep 0.2
	i=$((i + 1))
done
grep -q '^xt_layer7 ' /proc/modules && fail "the module still loaded 20 s after the tenants left" ||
	ok "the module unloads after the tenants left"
finish
