# Two network namespaces with different rules: the client counts HTTP, the
# server counts SSH, the router has none.  Decisions, counters and
# /proc/net/xt_layer7/stats stay within their namespace.
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
start_servers srv || fail "servers did not start"

# An end host sees its two directions in PREROUTING and POSTROUTING.
for c in PREROUTING POSTROUTING; do
	ns cli iptables -t mangle -A $c -m layer7 --l7proto http --l7dir /tmp/l7 || fail "cli rule"
	ns srv iptables -t mangle -A $c -m layer7 --l7proto ssh --l7dir /tmp/l7 || fail "srv rule"
done

check "HTTP connection" flow_http cli 10.0.2.2
check "SSH connection" flow_ssh cli 10.0.2.2

n=$(l7count cli http)
[ "$n" -gt 0 ] && ok "cli counted HTTP ($n packets)" || fail "cli did not count HTTP"
n=$(l7count srv ssh)
[ "$n" -gt 0 ] && ok "srv counted SSH ($n packets)" || fail "srv did not count SSH"
expect_eq "cli stats: http" 1 "$(l7stat cli "proto http")"
expect_eq "cli stats: no ssh" 0 "$(l7stat cli "proto ssh")"
expect_eq "srv stats: ssh" 1 "$(l7stat srv "proto ssh")"
expect_eq "srv stats: no http" 0 "$(l7stat srv "proto http")"
expect_eq "rtr stats: nothing decided" 0 "$(l7stat rtr decided)"
expect_eq "rtr stats: nothing tracked" 0 "$(l7stat rtr tracked)"
expect_eq "initial namespace: nothing tracked" 0 "$(awk '$1 == "tracked" { print $2 }' /proc/net/xt_layer7/stats)"

# Removing one namespace's rules leaves the other's working.
ns srv iptables -t mangle -F
before=$(l7count cli http)
check "HTTP again" flow_http cli 10.0.2.2
after=$(l7count cli http)
[ "$after" -gt "$before" ] && ok "cli still counts after srv flushed" ||
	fail "cli stopped counting after srv flushed ($before -> $after)"
# A namespace with rules and tracked connections goes away (its processes
# killed, so that it really dies) while the module stays.
ns srv iptables -t mangle -A POSTROUTING -m layer7 --l7proto ssh --l7dir /tmp/l7
flow_ssh cli 10.0.2.2
kill $($IP netns pids srv) 2>/dev/null
$IP netns del srv
sleep 1
check "module still loaded after a namespace left" grep -q '^xt_layer7 ' /proc/modules
expect_eq "cli's view intact" 2 "$(l7stat cli "proto http")"
finish
