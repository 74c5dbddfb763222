# A tenant reads its own namespace's views (issue 13: "the proc files of
# a namespace are readable by that namespace's root").  Two tenants, both
# unprivileged users who made themselves root of their own user and
# network namespaces: one with `unshare -rn` (both namespaces in one
# clone, as the issue's tenant did: the network namespace exists before
# its user namespace has a uid map, so a view whose owner is set when
# the namespace is made belongs to nobody the tenant is), one with the
# user namespace first and the network namespace after.  Each adds a
# layer7 rule, makes a connection and reads /proc/net/xt_layer7/stats
# and /proc/net/xt_layer7/connections.
#
# No log flood (issue 13): the first tenant also hands the kernel
# LOG_TRIES (60) crafted rules of each kind checkentry refuses with a
# message (tests/vm/helpers/l7badrule.c), as fast as it can; every
# message is rate-limited per place in the code (10 every 5 s), so none
# may appear more than 10 times per started 5 s of the attempts.
. /usr/local/lib/vmtest.sh
tenant_prepare
mkdir -p /tmp/pats
printf 'greet\n^hello\n' > /tmp/pats/greet.pat
chmod -R a+rX /tmp/pats

cat > /tmp/proc-tenant.sh <<'T'
out=$1 tries=$2
if [ -n "$tries" ]; then
	t0=$(awk '{ print $1 }' /proc/uptime)
	for c in name-unterminated name-empty dir-unterminated pattern-unterminated pattern-paren flags; do
		i=0
		while [ $i -lt $tries ]; do
			l7badrule $c >/dev/null
			i=$((i + 1))
		done
	done
	echo "refusals $(awk -v t=$t0 '{ printf "%.1f", $1 - t }' /proc/uptime)" >> $out
	iptables -F
fi
iptables -A OUTPUT -p tcp --dport 7000 -m layer7 --l7dir /tmp/pats --l7proto greet ||
	echo "rule refused" >> $out
l7conv -l 7000 r >/dev/null 2>&1 &
i=0
while [ $i -lt 50 ] && ! netstat -ltn | grep -q ':7000 '; do sleep 0.1; i=$((i + 1)); done
l7conv -c 127.0.0.1 7000 s:hello >/dev/null 2>&1
wait
grep -q '^decided 1$' /proc/net/xt_layer7/stats && echo "stats ok" >> $out ||
	echo "stats: $(head -n 3 /proc/net/xt_layer7/stats 2>&1 | tr '\n' ' ')" >> $out
grep -q ' greet packets=' /proc/net/xt_layer7/connections && echo "connections ok" >> $out ||
	echo "connections: $(cat /proc/net/xt_layer7/connections 2>&1 | head -n 2 | tr '\n' ' ') $(ls -ln /proc/net/xt_layer7/connections)" >> $out
T

# together: unshare -rnm (lib.sh's tenant)
: > /tmp/proc1.out
chmod 666 /tmp/proc1.out
tries=${LOG_TRIES:-60}
dmesg -c >/dev/null
tenant "" /tmp/proc-tenant.sh /tmp/proc1.out $tries
secs=$(awk '$1 == "refusals" { print $2 }' /tmp/proc1.out)
# per message text (the rule's name and offsets stripped)
dmesg | sed -n 's/.*] xt_layer7: \(.*\)/\1/p' |
	sed -e 's/^[^ ]*: //' -e 's/offset [0-9]*/offset N/' | sort | uniq -c | sort -rn > /tmp/proc-log
allowed=$(awk -v s="${secs:-0}" 'BEGIN { printf "%d", 10 * (int(s / 5) + 1) }')
echo "$((6 * tries)) refusals in ${secs:-?} s; kernel lines per message (allowed $allowed):"
sed 's/^/  /' /tmp/proc-log
worst=$(awk 'NR == 1 { print $1 + 0 }' /tmp/proc-log)
[ -n "$secs" ] || fail "the tenant's refused rules did not run"
[ "${worst:-0}" -gt 0 ] || fail "no kernel message for the tenant's refused rules"
[ "${worst:-0}" -le "$allowed" ] && ok "kernel messages a tenant triggers are rate-limited (at most $worst of a kind)" ||
	fail "a kernel message a tenant triggers appeared $worst times in $secs s (rate limit: $allowed)"
# apart: the user namespace and its map first, then the network namespace
: > /tmp/proc2.out
chmod 666 /tmp/proc2.out
chmod 644 /tmp/proc-tenant.sh
su -s /bin/sh nobody -c "unshare -r sh -c 'unshare -nm sh /tmp/.tenant-init /tmp/proc-tenant.sh /tmp/proc2.out'"

for t in "1 unshare -rn" "2 unshare -r, then -n"; do
	n=${t%% *}
	how=${t#* }
	grep -q "rule refused" /tmp/proc$n.out && fail "$how: the tenant's rule was refused"
	grep -q "^stats ok" /tmp/proc$n.out && ok "$how: the tenant reads its stats" ||
		fail "$how: $(grep '^stats' /tmp/proc$n.out)"
	grep -q "^connections ok" /tmp/proc$n.out && ok "$how: the tenant reads its connections" ||
		fail "$how: $(grep '^connections' /tmp/proc$n.out)"
done
# readable by all, served only to the namespace's admin
modprobe xt_layer7
if su -s /bin/sh nobody -c 'cat /proc/net/xt_layer7/connections' > /dev/null 2>&1; then
	fail "an unprivileged user of the initial namespace reads its connections"
else
	ok "an unprivileged user of the initial namespace cannot read its connections"
fi
finish
