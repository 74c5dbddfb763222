# The lockless path for decided and unknown connections (l7k_entry_final)
# must answer exactly as the locked one: every rule kind (a name, unset,
# unknown, each with "!") on the many packets that follow a decision and
# a give-up; ICMP errors about a decided connection, which conntrack
# marks RELATED to it, match neither a rule nor its negation, nor do
# errors about a ping (the same protocol as the error); IPv6 rules
# without "-p" (child flows: k-ftp).  Then connections decided by the server's
# first bytes while the client's ACKs cross the router on the other vCPU,
# with the counters checked against the exact complement.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'unset\n.\n' > $P/unset.pat
printf 'unknown\n.\n' > $P/unknown.pat
printf 'greet\n^hello\n' > $P/greet.pat
printf 'pingpong\n^ping.*pong\n' > $P/pingpong.pat
L7="-m layer7 --l7dir $P"
S=10.0.2.2
conns=/proc/net/xt_layer7/connections
verdict() { ns rtr awk -v d="$S:$1" '$4 == d { print $5; exit }' $conns; }
# The six answers of a final connection, then a rule counting all.
six() { # NAME
	echo "$L7 --l7proto $1|$L7 ! --l7proto $1|$L7 --l7proto unset|$L7 ! --l7proto unset|$L7 --l7proto unknown|$L7 ! --l7proto unknown"
}

check "module loads" modprobe xt_layer7

# --- decided: 20-odd packets after the decision take the lockless path --------
IFS='|'; set -- $(six greet); unset IFS
l7_chain 8101 "$@" ""
ns srv l7conv -k -l 8101 r s:x r s:x r s:x r s:x r s:x r s:x r s:x r s:x r s:x r s:x d &
wait_port srv 8101
check "decided conversation" ns cli l7conv -c $S 8101 's:hello\n' r s:a r s:b r s:c r s:d r s:e r s:f r s:g r s:h r s:i r
expect_eq "decided" greet "$(verdict 8101)"
set -- $(l7_counters 8101)
all=$7 pre=$(($7 - $1))
echo "decided: counters $*"
[ "$all" -ge 20 ] || fail "only $all packets crossed the router"
case $pre in
2|3) ok "greet matched every packet from the deciding one ($1 of $all)";;
*) fail "greet matched $1 of $all packets: $pre before the decision";;
esac
expect_eq "! greet: the handshake only" $pre "$2"
# a rule answers from the connection's state: unset while undecided
expect_eq "unset: the packets before the decision" $pre "$3"
expect_eq "! unset: the packets from the decision on" $1 "$4"
expect_eq "unknown: never" 0 "$5"
expect_eq "! unknown: every packet" $all "$6"
line=$(ns rtr grep " $S:8101 " $conns)
case $line in
*" greet packets="[1-9]*" buffered=0 "*) ok "listed as decided: $line";;
*) fail "connection line: '$line'";;
esac

# --- unknown: give up after 4 packets; what follows is lockless -------------
echo 4 > /sys/module/xt_layer7/parameters/num_packets
IFS='|'; set -- $(six greet); unset IFS
l7_chain 8102 "$@" ""
ns srv l7conv -k -l 8102 r s:x r s:x r s:x r s:x r s:x r s:x r s:hello d &
wait_port srv 8102
check "undecided conversation" ns cli l7conv -c $S 8102 s:a r s:b r s:c r s:d r s:e r s:f r s:g r
expect_eq "gave up" unknown "$(verdict 8102)"
set -- $(l7_counters 8102)
all=$7
echo "unknown: counters $*"
expect_eq "unknown: every packet after the 4th" $((all - 4)) "$5"
expect_eq "! unknown: the first 4" 4 "$6"
expect_eq "greet: never (hello came too late)" 0 "$1"
expect_eq "! greet: every packet" $all "$2"
expect_eq "! unset + unset = all" $all "$(($3 + $4))"
expect_eq "unset: the first 4, undecided" 4 "$3"
echo 10 > /sys/module/xt_layer7/parameters/num_packets

# --- an ICMP error about a decided UDP connection matches neither ----------
l7_chain 8103 "$L7 --l7proto pingpong" "$L7 ! --l7proto pingpong" ""
ns rtr iptables -t mangle -A POSTROUTING -p icmp -j L7_8103
# the server answers, then writes to the client's closed port: the
# client's kernel sends port unreachable back through the router
ns srv l7conv -u -l 8103 r s:pong w:700 s:late w:300 &
srvpid=$!
wait_port srv 8103 udp
check "UDP exchange" ns cli l7conv -u -c $S 8103 s:ping r
wait $srvpid
sleep 0.3
expect_eq "UDP connection decided" pingpong \
	"$(ns rtr awk -v d="$S:8103" '$2 == 17 && $4 == d { print $5 }' $conns)"
icmp=$(ns rtr iptables -t mangle -L POSTROUTING -v -n -x | awk '$3 == "L7_8103" && ($4 == "icmp" || $4 == "1") { print $1 }')
set -- $(l7_counters 8103)
echo "icmp: $icmp packet(s); counters $*"
[ "${icmp:-0}" -ge 1 ] || fail "no ICMP error crossed the router: the test proves nothing"
# ping (undecided), pong (decides), late: 2 match, ping is "!"
expect_eq "pingpong: the deciding datagram and the late one" 2 "$1"
expect_eq "! pingpong: the first datagram only" 1 "$2"
expect_eq "datagrams + ICMP errors counted" $((3 + ${icmp:-0})) "$3"

# --- an ICMP error about a ping: same protocol, still not the ping's data ----
# The server rejects pings: its "host prohibited" crosses the router
# RELATED to the ping's connection, and only the errors meet the rules.
# A pattern that takes any byte would decide the ping on the quoted
# header if an error were appended to the ping's data.
printf 'anybyte\n.\n' > $P/anybyte.pat
l7_chain 8106 "$L7 --l7proto anybyte" "$L7 ! --l7proto anybyte" ""
ns rtr iptables -t mangle -A POSTROUTING -p icmp --icmp-type destination-unreachable -j L7_8106
ns srv iptables -A INPUT -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
ns cli ping -c 2 -W 1 $S >/dev/null 2>&1
ns srv iptables -D INPUT -p icmp --icmp-type echo-request -j REJECT --reject-with icmp-host-prohibited
set -- $(l7_counters 8106)
echo "ICMP errors about a ping: counters $*"
[ "$3" -ge 1 ] || fail "no ICMP error about the ping crossed the router: the test proves nothing"
expect_eq "an error about a ping matches no rule" 0 "$1"
expect_eq "nor its negation" 0 "$2"

# --- IPv6, rules without "-p" (ip6tables leaves par->fragoff unset) ---------
ns rtr ip6tables -t mangle -N L7_8105
ns rtr ip6tables -t mangle -A POSTROUTING -p tcp -m multiport --ports 8105 -j L7_8105
for r in "$L7 --l7proto greet" "$L7 ! --l7proto greet" ""; do
	ns rtr ip6tables -t mangle -A L7_8105 $r || fail "ip6tables rule '$r' refused"
done
ns srv l7conv -6 -k -l 8105 r s:x r s:x r s:x r s:x d &
wait_port srv 8105
check "IPv6 conversation" ns cli l7conv -6 -c fd02::2 8105 's:hello\n' r s:a r s:b r s:c r
sleep 0.3
set -- $(ns rtr ip6tables -t mangle -L L7_8105 -v -n -x | awk 'NR > 2 { printf "%s ", $1 }')
echo "ipv6: counters $*"
expect_eq "IPv6: greet + ! greet = all" "$3" $(($1 + $2))
case $2 in
2|3) ok "IPv6: ! greet matched the handshake only ($2 of $3)";;
*) fail "IPv6: ! greet matched $2 of $3 packets";;
esac

# --- decisions while the other direction's ACKs cross on another vCPU ------
IFS='|'; set -- $(six greet); unset IFS
l7_chain 8104 "$@" ""
# the server speaks first: hello, then 256 KiB in bulk
ns srv l7conv -k -l 8104 's:hello\n' b:262144 &
wait_port srv 8104
d0=$(ns rtr awk '$1 == "proto" && $2 == "greet" { print $3 }' /proc/net/xt_layer7/stats)
pids=
for c in 1 2; do
	$IP netns exec cli l7conv -N 20 -c $S 8104 d > /dev/null 2>&1 &
	pids="$pids $!"
done
for p in $pids; do check "20 downloads (client $p)" wait $p; done
set -- $(l7_counters 8104)
echo "parallel: counters $*"
d1=$(ns rtr awk '$1 == "proto" && $2 == "greet" { print $3 }' /proc/net/xt_layer7/stats)
expect_eq "40 connections decided" 40 $((${d1:-0} - ${d0:-0}))
all=$7
expect_eq "greet + ! greet = all" $all $(($1 + $2))
[ $(($2)) -le $((40 * 3)) ] && ok "! greet: handshakes only ($2 for 40 connections)" ||
	fail "! greet matched $2 packets of 40 decided connections"
expect_eq "unset: the packets before each decision" "$2" "$3"
expect_eq "! unset: the packets from each decision on" "$1" "$4"
expect_eq "unknown: never" 0 "$5"
expect_eq "! unknown: every packet" $all "$6"
finish
