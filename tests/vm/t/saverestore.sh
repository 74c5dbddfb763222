# iptables-save | iptables-restore round-trips layer7 rules (legacy and
# nft, IPv4 and IPv6): --l7dir saved only when not the default, "!" kept;
# -C and -D find the rules by their specification; restored rules work.
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
# A definition in the default directory, under a name no real one has.
mkdir -p /etc/l7-protocols/e2e
printf '# test\ne2essh\n^ssh-[12]\\.[0-9]\n' > /etc/l7-protocols/e2e/e2essh.pat
start_servers srv || fail "servers did not start"

rules() { # IPTABLES
	ns rtr $1 -t mangle -A POSTROUTING -m layer7 --l7proto http --l7dir /tmp/l7 -j MARK --set-mark 1 &&
	ns rtr $1 -t mangle -A POSTROUTING -m layer7 ! --l7proto dns --l7dir /tmp/l7 &&
	ns rtr $1 -A FORWARD -m layer7 --l7proto e2essh -j ACCEPT
}
saved() { ns rtr $1-save | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'; }

for ipt in iptables iptables-nft ip6tables ip6tables-nft; do
	rules $ipt || { fail "$ipt: rules refused"; continue; }
	s1=$(saved $ipt)
	echo "$s1" | grep -q -- '-m layer7 --l7proto http --l7dir "\{0,1\}/tmp/l7"\{0,1\} -j MARK' ||
		fail "$ipt-save: http rule missing or wrong"
	echo "$s1" | grep -q -- '-m layer7 ! --l7proto dns --l7dir' ||
		fail "$ipt-save: inverted rule missing or wrong"
	echo "$s1" | grep -q -- '-m layer7 --l7proto e2essh -j ACCEPT' ||
		fail "$ipt-save: default-directory rule missing or printed with --l7dir"
	check "$ipt -C finds the rule" ns rtr $ipt -C FORWARD -m layer7 --l7proto e2essh -j ACCEPT
	ns rtr $ipt -t mangle -F
	ns rtr $ipt -F
	echo "$s1" | ns rtr $ipt-restore || fail "$ipt-restore refused its own save"
	s2=$(saved $ipt)
	if [ "$s1" = "$s2" ]; then
		ok "$ipt: save, restore, save gives the same rules"
	else
		fail "$ipt: round trip differs"
		echo "$s1" > /tmp/s1; echo "$s2" > /tmp/s2; diff /tmp/s1 /tmp/s2
	fi
	check "$ipt -D by specification" ns rtr $ipt -D FORWARD -m layer7 --l7proto e2essh -j ACCEPT
	# The legacy IPv4 rules stay for the traffic check below.
	[ "$ipt" = iptables ] || { ns rtr $ipt -t mangle -F; ns rtr $ipt -F; }
done

# The legacy IPv4 rules restored above are live: traffic is classified.
check "HTTP through restored rules" flow_http cli 10.0.2.2
n=$(ns rtr iptables -t mangle -L POSTROUTING 1 -v -n -x | awk '{ print $1 }')
[ "${n:-0}" -gt 0 ] && ok "restored MARK rule hit ($n packets)" || fail "restored MARK rule never hit"
finish
