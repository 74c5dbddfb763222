# IPv6: the same accounting with ip6tables (match family NFPROTO_IPV6).
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
start_servers srv || fail "servers did not start"

protos="http ssh dns unknown"
for p in $protos; do
	ns rtr ip6tables -t mangle -A POSTROUTING -m layer7 --l7proto $p --l7dir /tmp/l7 ||
		fail "ip6tables rule for $p refused"
done
c6() { l7count rtr "$1" ip6tables-save; }

for f in http:http ssh:ssh dns:dns garbage:unknown; do
	flow=${f%%:*} p=${f#*:}
	before=$(c6 $p)
	check "$flow over IPv6" flow_$flow cli fd02::2
	after=$(c6 $p)
	[ "$after" -gt "$before" ] && ok "$flow counted as $p ($before -> $after)" ||
		fail "$flow not counted as $p ($before -> $after)"
done
for p in http ssh dns; do
	expect_eq "stats: $p connections" 1 "$(l7stat rtr "proto $p")"
done
# The IPv4 table saw none of it.
expect_eq "no IPv4 layer7 counters" 0 "$(l7count rtr http)"
finish
