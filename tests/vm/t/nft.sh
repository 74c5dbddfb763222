# iptables-nft: the same match through nft_compat, for IPv4 and IPv6.
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
start_servers srv || fail "servers did not start"

for p in http ssh dns unknown; do
	ns rtr iptables-nft -t mangle -A POSTROUTING -m layer7 --l7proto $p --l7dir /tmp/l7 ||
		fail "iptables-nft rule for $p refused"
done
ns rtr ip6tables-nft -t mangle -A POSTROUTING -m layer7 --l7proto http --l7dir /tmp/l7 ||
	fail "ip6tables-nft rule refused"
check "legacy tables left empty" sh -c "! iptables-legacy-save 2>/dev/null | grep -q layer7"

for f in http:http ssh:ssh dns:dns garbage:unknown; do
	flow=${f%%:*} p=${f#*:}
	before=$(l7count rtr $p iptables-nft-save)
	check "$flow" flow_$flow cli 10.0.2.2
	after=$(l7count rtr $p iptables-nft-save)
	[ "$after" -gt "$before" ] && ok "$flow counted as $p by nft ($before -> $after)" ||
		fail "$flow not counted as $p by nft ($before -> $after)"
done
before=$(l7count rtr http ip6tables-nft-save)
check "http over IPv6" flow_http cli fd02::2
after=$(l7count rtr http ip6tables-nft-save)
[ "$after" -gt "$before" ] && ok "IPv6 http counted by nft ($after)" ||
	fail "IPv6 http not counted by nft ($before -> $after)"
ns rtr iptables-nft-save -t mangle | grep layer7
finish
