# Every definition installed in /etc/l7-protocols (the project's
# protocols/) becomes a rule the kernel accepts: checkentry compiles each
# pattern within the engine's limits.  Identical patterns share one
# compiled program; all of them go with the last rule.
. /usr/local/lib/vmtest.sh
n=0 bad=0
for f in $(find /etc/l7-protocols -name '*.pat' | sort); do
	name=$(basename "$f" .pat)
	if iptables -A FORWARD -m layer7 --l7proto "$name" 2>/tmp/err; then
		n=$((n + 1))
	else
		fail "$name refused: $(cat /tmp/err)"
		bad=$((bad + 1))
	fi
done
[ $n -gt 0 ] && ok "$n definitions accepted by the kernel" || fail "no definition installed"
m1=$(awk '$1 == "patterns_memory" { print $2 }' /proc/net/xt_layer7/stats)
# the same rules again: no new program
for f in $(find /etc/l7-protocols -name '*.pat' | sort); do
	iptables -A FORWARD -m layer7 --l7proto "$(basename "$f" .pat)" 2>/dev/null
done
m2=$(awk '$1 == "patterns_memory" { print $2 }' /proc/net/xt_layer7/stats)
expect_eq "duplicate rules share compiled programs" "$m1" "$m2"
iptables-save > /tmp/rules
check "iptables-restore of the whole set" iptables-restore < /tmp/rules
expect_eq "rules after restore" $((2 * n)) "$(iptables -S FORWARD | grep -c layer7)"
# the namespace's patterns combine once the rules stay unchanged a second
l7_wait_combined 64 60
grep combined /proc/net/xt_layer7/stats
expect_eq "the first 64 patterns combined" 64 \
	"$(awk '$1 == "combined_patterns" { print $2 }' /proc/net/xt_layer7/stats)"
iptables -F FORWARD
# The combined set is freed after an RCU grace period, from the module's
# workqueue: give it a few seconds on a loaded emulated machine.
pm() { awk '$1 == "patterns_memory" { print $2 }' /proc/net/xt_layer7/stats; }
i=0
while [ "$(pm)" != 0 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect_eq "programs freed with the last rule" 0 "$(pm)"
check "module unloads" rmmod xt_layer7
finish
