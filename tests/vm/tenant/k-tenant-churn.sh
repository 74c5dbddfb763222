# A tenant that never stops changing its rules still gets them combined
# (issue 13: "publish even under churn").  The namespace's patterns are
# combined once its rules have stayed unchanged for a second; a tenant
# adding a rule every CHURN_EVERY (0.2) s plus the time iptables takes
# for CHURN_SECS (30) s pushed that second back at every change, and
# its namespace never combined while the churn lasted.  Now a rebuild
# comes at the latest ten seconds after the first change.
#
# Pass: while the rules change more often than once a second, the
# namespace publishes a combination (stats' combined_patterns grows),
# the first within CHURN_FIRST (14) s of the first change: ten seconds
# plus the combination itself under TCG; after the churn, all the rules'
# patterns are combined within 30 s.  Before the fix: combined_patterns
# stayed 0 for the whole churn.  If the emulation is so slow that the
# tenant's changes come less often than once a second, the scenario
# cannot tell and skips.  Knobs: the CHURN_* above, as NAME=VALUE
# arguments of tests/vm/run.
. /usr/local/lib/vmtest.sh
every=${CHURN_EVERY:-0.2}
secs=${CHURN_SECS:-30}
first_max=${CHURN_FIRST:-14}
tenant_prepare
mkdir -p /tmp/cpat
i=0
while [ $i -lt 64 ]; do
	printf 'c%d\n^churn%d [a-z]+ done\n' $i $i > /tmp/cpat/c$i.pat
	i=$((i + 1))
done
chmod -R a+rX /tmp/cpat

cat > /tmp/churn-tenant.sh <<'T'
out=$1 every=$2 secs=$3
combined() { awk '$1 == "combined_patterns" { print $2 }' /proc/net/xt_layer7/stats; }
now() { awk '{ print $1 }' /proc/uptime; }
t0=$(now)
i=0
while [ $i -lt 64 ] && awk -v t=$t0 -v s=$secs -v n=$(now) 'BEGIN { exit !(n - t < s) }'; do
	iptables -A OUTPUT -p tcp --dport 7000 -m layer7 --l7dir /tmp/cpat --l7proto c$i ||
		echo "refused c$i" >> $out
	i=$((i + 1))
	echo "change $i $(awk -v t=$t0 -v n=$(now) 'BEGIN { printf "%.1f", n - t }') combined $(combined)" >> $out
	sleep $every
done
t1=$(now)
echo "churn $i $(awk -v t=$t0 -v n=$t1 'BEGIN { printf "%.1f", n - t }')" >> $out
k=0
while [ "$(combined)" != $i ] && [ $k -lt 150 ]; do sleep 0.2; k=$((k + 1)); done
echo "settled $(combined) $(awk -v t=$t1 -v n=$(now) 'BEGIN { printf "%.1f", n - t }')" >> $out
T
: > /tmp/churn.out
chmod 666 /tmp/churn.out
tenant "" /tmp/churn-tenant.sh /tmp/churn.out $every $secs

grep '^refused' /tmp/churn.out | head -n 3 | while read -r l; do fail "the tenant's rule was $l"; done
n=$(awk '$1 == "churn" { print $2 }' /tmp/churn.out)
span=$(awk '$1 == "churn" { print $3 }' /tmp/churn.out)
[ -n "$n" ] && [ "$n" -gt 1 ] || { fail "the tenant's churn did not run"; finish; }
gap=$(awk -v n=$n -v s=$span 'BEGIN { printf "%.2f", s / n }')
echo "$n changes in $span s: one every $gap s"
awk -v g=$gap 'BEGIN { exit !(g < 0.9) }' ||
	skip "the tenant changed its rules only every $gap s: no churn faster than the one-second delay here"
first=$(awk '$1 == "change" && $5 > 0 { print $3; exit }' /tmp/churn.out)
pubs=$(awk '$1 == "change" { if ($5 != last && $5 > 0) n++; last = $5 } END { print n + 0 }' /tmp/churn.out)
echo "first combination seen: ${first:-never} (s after the first change); $pubs published during the churn"
[ -n "$first" ] && awk -v f=$first -v m=$first_max 'BEGIN { exit !(f <= m) }' &&
	ok "rules changing every $gap s are combined all the same, the first time after $first s" ||
	fail "rules changing every $gap s: no combination within $first_max s (first: ${first:-never})"
set -- $(awk '$1 == "settled" { print $2, $3 }' /tmp/churn.out)
[ "${1:-}" = "$n" ] && ok "after the churn all $n patterns are combined ($2 s)" ||
	fail "after the churn: ${1:-?} of $n patterns combined within 30 s"
finish
