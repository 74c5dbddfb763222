# One packet counts once toward num_packets, however many layer7 rules
# it meets: in one chain, with a target in between that edits its
# headers (TCPMSS rewrites the SYN's MSS option, which the packet's key
# covers; within one ip(6)tables traversal the skb is the packet), and
# in two tables of different hooks (the key).  Checked against
# "packets=" in /proc/net/xt_layer7/connections and the chain's own
# count of the packets, for TCP and UDP, IPv4 and IPv6.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'never\n^never-sent\n' > $P/never.pat
L7="-m layer7 --l7dir $P"
S=10.0.2.2
check "module loads" modprobe xt_layer7
# every connection stays undecided: each packet is counted
echo 99 > /sys/module/xt_layer7/parameters/num_packets

# quiet PORT: wait (bounded) until no packet of the connection crossed for
# half a second: its last ACKs may still be on their way
quiet() {
	local a b= i=0
	while [ $i -lt 10 ]; do
		a=$(l7_counters $1)
		[ "$a" = "$b" ] && return 0
		b=$a
		sleep 0.2
		i=$((i + 1))
	done
}

# --- TCPMSS between two layer7 rules: the SYN is one packet ------------------
l7_chain 8201 "$L7 --l7proto never" \
	"-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1000" \
	"$L7 --l7proto never" ""
ns srv l7conv -k -l 8201 r s:x r s:x r s:x d &
wait_port srv 8201
check "conversation through TCPMSS" ns cli l7conv -c $S 8201 s:a r s:b r s:c r
quiet 8201
set -- $(l7_counters 8201)
echo "tcpmss: counters $*"
mss=$(ns rtr iptables -t mangle -L L7_8201 -v -n -x | awk '/TCPMSS/ { print $1 }')
[ "${mss:-0}" -ge 1 ] || fail "TCPMSS rewrote no SYN: the test proves nothing"
expect_eq "TCPMSS between rules: packets= is the packets that crossed" "$4" "$(l7_packets 6 $S:8201)"

# --- rules in mangle POSTROUTING and filter FORWARD --------------------------
ns rtr iptables -A FORWARD -p tcp -m multiport --ports 8202 -m layer7 --l7dir $P --l7proto never
ns rtr iptables -A FORWARD -p tcp -m multiport --ports 8202
l7_chain 8202 "$L7 --l7proto never" ""
ns srv l7conv -k -l 8202 r s:x r s:x d &
wait_port srv 8202
check "conversation through two tables" ns cli l7conv -c $S 8202 s:a r s:b r
quiet 8202
set -- $(l7_counters 8202)
fwd=$(ns rtr iptables -L FORWARD -v -n -x | awk '/8202/ && !/l7proto/ { print $1 }')
echo "two tables: counters $*, FORWARD $fwd"
expect_eq "FORWARD saw every packet" "$2" "$fwd"
expect_eq "two tables: packets= is the packets that crossed" "$2" "$(l7_packets 6 $S:8202)"

# --- UDP, 20 rules: the later ones take the key the first computed ----------
rules=
for i in $(seq 20); do rules="$rules|$L7 --l7proto never"; done
IFS='|'; set -- ${rules#|} ""; unset IFS
l7_chain 8203 "$@"
ns srv l7conv -u -l 8203 r s:x r s:y r s:z &
srvpid=$!
wait_port srv 8203 udp
check "UDP exchange through 20 rules" ns cli l7conv -u -c $S 8203 s:a r s:b r s:c r
wait $srvpid
set -- $(l7_counters 8203)
echo "udp: counters $*"
expect_eq "UDP: 6 datagrams crossed" 6 "${21}"
expect_eq "UDP: packets= 6" 6 "$(l7_packets 17 $S:8203)"

# --- IPv6 TCP, TCPMSS between rules ------------------------------------------
ns rtr ip6tables -t mangle -N L7_8204
ns rtr ip6tables -t mangle -A POSTROUTING -p tcp -m multiport --ports 8204 -j L7_8204
for r in "$L7 --l7proto never" \
	"-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1000" \
	"$L7 --l7proto never" ""; do
	ns rtr ip6tables -t mangle -A L7_8204 $r || fail "ip6tables rule '$r' refused"
done
ns srv l7conv -6 -k -l 8204 r s:x r s:x d &
wait_port srv 8204
check "IPv6 conversation through TCPMSS" ns cli l7conv -6 -c fd02::2 8204 s:a r s:b r
sleep 0.3
set -- $(ns rtr ip6tables -t mangle -L L7_8204 -v -n -x | awk 'NR > 2 { printf "%s ", $1 }')
echo "ipv6 tcpmss: counters $*"
[ "$2" -ge 1 ] || fail "TCPMSS rewrote no IPv6 SYN: the test proves nothing"
expect_eq "IPv6, TCPMSS between rules: packets= is the packets that crossed" "$4" \
	"$(l7_packets 6 "[fd02::2]:8204")"
echo 10 > /sys/module/xt_layer7/parameters/num_packets
finish
