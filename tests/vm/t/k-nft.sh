# The same match through iptables-nft (nft_compat) and ip6tables-nft:
# rules are accepted, classify, and -C / -D find them again (they
# compare only the user-visible part of the match data: .usersize and
# .userspacesize), and -save shows them without kernel pointers.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'greet\n^hello\n' > $P/greet.pat
S=10.0.2.2
for ipt in iptables-nft ip6tables-nft iptables-legacy ip6tables-legacy; do
	check "$ipt: rule added" ns rtr $ipt -t mangle -A POSTROUTING -m layer7 --l7proto greet --l7dir $P
	check "$ipt: inverted rule added" ns rtr $ipt -t mangle -A POSTROUTING -m layer7 ! --l7proto greet --l7dir $P
	check "$ipt: -C finds the rule" ns rtr $ipt -t mangle -C POSTROUTING -m layer7 --l7proto greet --l7dir $P
	check "$ipt: -C finds the inverted rule" ns rtr $ipt -t mangle -C POSTROUTING -m layer7 ! --l7proto greet --l7dir $P
	if ns rtr $ipt -t mangle -C POSTROUTING -m layer7 --l7proto greet 2>/dev/null; then
		fail "$ipt: -C matched a rule with another --l7dir"
	else
		ok "$ipt: -C tells --l7dir apart"
	fi
done
# a dual-stack server: IPv4 clients arrive as ::ffff:a.b.c.d
ns srv l7conv -6 -k -l 8001 d &
wait_port srv 8001
check "IPv4 conversation" ns cli l7conv -c $S 8001 s:hello
check "IPv6 conversation" ns cli l7conv -6 -c fd02::2 8001 s:hello
sleep 0.3
for ipt in iptables-nft ip6tables-nft; do
	n=$(ns rtr $ipt -t mangle -L POSTROUTING -v -n -x | awk '/LAYER7 l7proto greet/ { print $1; exit }')
	[ "${n:-0}" -gt 0 ] && ok "$ipt rule counted $n packets" || fail "$ipt rule counted nothing"
	ns rtr $ipt-save -t mangle | grep -q -- '-m layer7 ! --l7proto greet --l7dir' &&
		ok "$ipt-save shows the inverted rule" || fail "$ipt-save: $(ns rtr $ipt-save -t mangle)"
done
expect_eq "both families decided through nft_compat" 2 \
	"$(ns rtr grep -c ':8001 greet ' /proc/net/xt_layer7/connections)"
# save | restore gives the same rules back (the pattern is re-read from
# the files, the kernel compiles it again)
for ipt in iptables-nft ip6tables-nft iptables-legacy ip6tables-legacy; do
	ns rtr $ipt-save -t mangle | grep -v '^#' | sed 's/\[[0-9:]*\]//' > /tmp/a
	[ "$(grep -c -- '-m layer7' /tmp/a)" = 2 ] || fail "$ipt-save: $(cat /tmp/a)"
	ns rtr $ipt -t mangle -F
	ns rtr $ipt-restore < /tmp/a || fail "$ipt-restore refused its own save"
	ns rtr $ipt-save -t mangle | grep -v '^#' | sed 's/\[[0-9:]*\]//' > /tmp/b
	if cmp -s /tmp/a /tmp/b; then ok "$ipt: save | restore round trip"
	else fail "$ipt: round trip differs: $(diff /tmp/a /tmp/b)"; fi
done
for ipt in iptables-nft ip6tables-nft iptables-legacy ip6tables-legacy; do
	check "$ipt: -D deletes the rule" ns rtr $ipt -t mangle -D POSTROUTING -m layer7 --l7proto greet --l7dir $P
	check "$ipt: -D deletes the inverted rule" ns rtr $ipt -t mangle -D POSTROUTING -m layer7 ! --l7proto greet --l7dir $P
	expect_eq "$ipt: no layer7 rule left" 0 "$(ns rtr $ipt-save -t mangle | grep -c layer7)"
done
sleep 0.5
check "module unloads: every rule's reference dropped" rmmod xt_layer7
finish
