# l7-qos with the nft flavour of iptables (Debian's default): the rules
# land in nftables, applying twice ends in the same state, --clear gives
# back what was found.  The router's own rules are nft ones too.
. /usr/local/lib/vmtest.sh
export TC IP IPTABLES=iptables-nft IP6TABLES=ip6tables-nft
topo_router
l7_test_patterns /tmp/l7
cat > /tmp/qos.conf <<C
interface wan
upload   100mbit
download 1gbit
patterns /tmp/l7
class web  protocols http  rate 2mbit/20mbit
default                    rate 50mbit/500mbit
C
# The router's own rules, in both hooks l7-qos uses: iptables-nft makes
# a base chain when a rule first needs it and never removes it.
for c in iptables-nft ip6tables-nft; do
	ns rtr $c -t mangle -A PREROUTING -i lan -j MARK --set-mark 0x1/0x1
	ns rtr $c -t mangle -A POSTROUTING -o lan -j RETURN
done
l7qos_state > /tmp/s0

ns rtr l7-qos /tmp/qos.conf || fail "l7-qos refused the configuration"
l7qos_state > /tmp/s1
for c in iptables-nft-save ip6tables-nft-save; do
	ns rtr $c -t mangle | grep -q -- '-A L7QOS-wan -m layer7 --l7proto http' &&
		ok "$c: the classifying chain" || fail "$c: no classifying chain"
done
[ -z "$(ns rtr iptables-legacy-save)" ] && ok "nothing in legacy iptables" ||
	fail "legacy iptables: $(ns rtr iptables-legacy-save | grep -- -A | head -n 2)"
l7qos_again_and_clear /tmp/qos.conf /tmp/s1 /tmp/s0
finish
