# Connection semantics of xt_layer7 on a router: a decision by the first
# matching rule, "!" as the exact complement for classifiable packets and
# neither for untracked ones, unset, unknown, num_packets (module
# parameter and /proc/net/layer7_numpackets, exact at the handshake
# boundary), streaming across packets, IPv6, and the /proc views.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'greet\n^hello\n' > $P/greet.pat
printf 'also\n^hel\n' > $P/also.pat
printf 'split\nworld\n' > $P/split.pat
printf 'unset\n.\n' > $P/unset.pat
printf 'unknown\n.\n' > $P/unknown.pat
L7="-m layer7 --l7dir $P"
S=10.0.2.2
conns=/proc/net/xt_layer7/connections

# verdict PORT: what /proc/net/xt_layer7/connections says of the TCP
# connection to srv:PORT
verdict() {
	ns rtr cat $conns | awk -v d="$S:$1" '$4 == d { print $5; exit }'
}
serve() { ns srv l7conv -k "$@" & }

check "module loads" modprobe xt_layer7
check "num_packets=4 via the module parameter" sh -c 'echo 4 > /sys/module/xt_layer7/parameters/num_packets'
expect_eq "layer7_numpackets shows two digits" "04" "$(ns rtr cat /proc/net/layer7_numpackets)"
echo 10 > /sys/module/xt_layer7/parameters/num_packets

# --- first match decides; later rules compare names -----------------------
l7_chain 8001 "$L7 --l7proto greet" "$L7 --l7proto also" ""
serve -l 8001 d
wait_port srv 8001
check "greet conversation" ns cli l7conv -c $S 8001 's:hello there\n' w:100 's:more\n'
expect_eq "decided by the first rule" greet "$(verdict 8001)"
expect_eq "a later matching rule never matches" 0 "$(pkts rtr mangle L7_8001 2)"
set -- $(l7_counters 8001); n1=$1 all=$3
# SYN, SYN/ACK, ACK carry no data: the decision comes with the first
# data segment (the handshake's ACK may ride on it: 2 or 3 before)
case $((all - n1)) in
2|3) ok "every packet from the deciding one on matches ($n1 of $all)";;
*) fail "greet matched $n1 of $all packets: $((all - n1)) before the decision";;
esac

# --- "!" is the complement: greet + !greet = all ------------------------
l7_chain 8002 "$L7 --l7proto greet" "$L7 ! --l7proto greet" ""
serve -l 8002 r 's:reply\n' d
wait_port srv 8002
check "inverted conversation" ns cli l7conv -c $S 8002 's:hello\n' r 's:bye\n'
set -- $(l7_counters 8002); a=$1 b=$2 all=$3
expect_eq "greet + !greet = all packets" "$all" "$((a + b))"
case $b in
2|3) ok "!greet matched the handshake only ($b)";;
*) fail "!greet matched $b packets, not just the handshake";;
esac

# --- untracked packets match neither the rule nor its negation -------------
ns rtr iptables -t raw -A PREROUTING -p udp --dport 8003 -j CT --notrack
ns rtr iptables -t raw -A PREROUTING -p udp --sport 8003 -j CT --notrack
l7_chain 8003 "$L7 --l7proto greet" "$L7 ! --l7proto greet" ""
ns srv l7conv -u -l 8003 r s:hello &
sleep 0.3
check "untracked UDP exchange" ns cli l7conv -u -c $S 8003 s:hello r
wait $!
expect_eq "untracked: rule" 0 "$(pkts rtr mangle L7_8003 1)"
expect_eq "untracked: negated rule" 0 "$(pkts rtr mangle L7_8003 2)"
expect_eq "untracked: packets seen" 2 "$(pkts rtr mangle L7_8003 3)"

# --- UDP: datagrams of both directions form the buffer ---------------------
printf 'pingpong\n^ping.*pong\n' > $P/pingpong.pat
l7_chain 8011 "$L7 --l7proto pingpong" ""
ns srv l7conv -u -l 8011 r s:pong r &
sleep 0.3
check "tracked UDP exchange" ns cli l7conv -u -c $S 8011 s:ping r s:again
wait $!
set -- $(l7_counters 8011)
# ping: no match yet; pong completes "pingpong" and decides; again matches
expect_eq "decided by the reply: datagrams 2 and 3 of 3 match" "2 3" "$1 $2"
expect_eq "UDP connection listed" "pingpong" \
	"$(ns rtr awk -v d="$S:8011" '$2 == 17 && $4 == d { print $5 }' $conns)"

# --- unset: every packet while undecided ------------------------------------
# (room for the whole short connection, teardown included)
echo 99 > /sys/module/xt_layer7/parameters/num_packets
l7_chain 8004 "$L7 --l7proto greet" "$L7 --l7proto unset" ""
serve -l 8004 d
wait_port srv 8004
# open while it is looked at: a closed connection gives up (below)
$IP netns exec cli l7conv -c $S 8004 s:abc w:100 s:hello w:8000 &
conv=$!
sleep 2
set -- $(l7_counters 8004)
expect_eq "unset matched every packet so far (empty ones too)" "$3" "$2"
expect_eq "still undecided" unset "$(verdict 8004)"
ns rtr grep -q " $S:8004 unset packets=[0-9]* buffered=8 mem=" $conns &&
	ok "the undecided connection buffers its 8 bytes" ||
	fail "buffered bytes: $(ns rtr grep " $S:8004 " $conns)"
check "undecided conversation" wait $conv
i=0
while [ $i -lt 10 ] && [ "$(verdict 8004)" = unset ]; do sleep 0.2; i=$((i + 1)); done
expect_eq "closed undecided: gave up" unknown "$(verdict 8004)"

# --- unknown after num_packets ----------------------------------------------
echo 4 > /sys/module/xt_layer7/parameters/num_packets
l7_chain 8005 "$L7 --l7proto greet" "$L7 --l7proto unknown" ""
serve -l 8005 r s:x r s:y r s:z d
wait_port srv 8005
check "long undecided conversation" ns cli l7conv -c $S 8005 s:a r s:b r s:c r s:hello
expect_eq "gave up" unknown "$(verdict 8005)"
u=$(pkts rtr mangle L7_8005 2)
[ "$u" -gt 0 ] && ok "unknown rule matched ($u)" || fail "unknown rule never matched"
expect_eq "greet never matched" 0 "$(pkts rtr mangle L7_8005 1)"

# --- num_packets boundary: 3 leaves no room after the handshake ---------------
l7_chain 8006 "$L7 --l7proto greet" ""
serve -l 8006 d
wait_port srv 8006
check "num_packets=3 via /proc" ns rtr sh -c 'echo 3 > /proc/net/layer7_numpackets'
expect_eq "module parameter follows /proc" 3 "$(cat /sys/module/xt_layer7/parameters/num_packets)"
check "conversation at num_packets=3" ns cli l7conv -c $S 8006 s:hello
expect_eq "packet 4 is past num_packets=3" unknown "$(verdict 8006)"
l7_chain 8007 "$L7 --l7proto greet" ""
serve -l 8007 d
wait_port srv 8007
echo 4 > /proc/net/layer7_numpackets
check "conversation at num_packets=4" ns cli l7conv -c $S 8007 s:hello
expect_eq "packet 4 decides at num_packets=4" greet "$(verdict 8007)"
for v in 0 100 x; do
	if ns rtr sh -c "echo $v > /proc/net/layer7_numpackets" 2>/dev/null; then
		fail "layer7_numpackets accepted $v"
	else
		ok "layer7_numpackets refuses $v"
	fi
	if echo $v > /sys/module/xt_layer7/parameters/num_packets 2>/dev/null; then
		fail "num_packets parameter accepted $v"
	else
		ok "num_packets parameter refuses $v"
	fi
done
echo 10 > /proc/net/layer7_numpackets

# --- a match spread over packets: each byte scanned once, state kept ---------
l7_chain 8008 "$L7 --l7proto split" ""
serve -l 8008 d
wait_port srv 8008
check "split conversation" ns cli l7conv -c $S 8008 s:hello-wo w:100 s:r w:100 s:ld
expect_eq "match across three packets" split "$(verdict 8008)"

# --- GSO/GRO: a 2450-byte write crosses the router as one large skb whose
# payload sits in page fragments; the match straddles the MSS (1448) ---
printf 'needle\nneedle\n' > $P/needle.pat
l7_chain 8010 "$L7 --l7proto needle" "-m length --length 1501:65535"
serve -l 8010 d
wait_port srv 8010
x=$(printf 'x%.0s' $(seq 1445))
check "large write" ns cli l7conv -c $S 8010 "s:${x}needle${x%????????????????????????????????????????????}"
expect_eq "match found across segments of a large skb" needle "$(verdict 8010)"
set -- $(l7_counters 8010)
[ "$2" -gt 0 ] && ok "the router saw $2 skb(s) larger than the MTU" ||
	fail "no GSO/GRO skb crossed the router: the test proves less than it says"

# --- IPv6 --------------------------------------------------------------------
ns rtr ip6tables -t mangle -A POSTROUTING -p tcp --dport 8009 $L7 --l7proto greet
serve -6 -l 8009 d
wait_port srv 8009
check "IPv6 conversation" ns cli l7conv -6 -c fd02::2 8009 s:hello
line=$(ns rtr grep ':8009 ' $conns)
case $line in
"ipv6 6 [fd01::2]:"*" [fd02::2]:8009 greet packets="*) ok "IPv6 connection listed: $line";;
*) fail "IPv6 connection line: '$line'";;
esac

# --- save form, stats --------------------------------------------------------
ns rtr iptables-save -t mangle | grep -qE -- "-A L7_8002 -m layer7 ! --l7proto greet --l7dir \"?$P\"?\$" &&
	ok "iptables-save prints the inverted rule" ||
	fail "iptables-save: $(ns rtr iptables-save -t mangle | grep 'L7_8002 -m layer7')"
ns rtr iptables -t mangle -L L7_8002 -n | grep -q "LAYER7 l7proto !greet l7dir $P" &&
	ok "iptables -L prints LAYER7 l7proto !greet" ||
	fail "iptables -L: $(ns rtr iptables -t mangle -L L7_8002 -n)"
st=$(ns rtr cat /proc/net/xt_layer7/stats)
echo "$st"
echo "$st" | grep -q '^proto greet [4-9]' && ok "per-protocol count" || fail "stats lacks 'proto greet >= 4'"
echo "$st" | grep -q '^unknown [2-9]' && ok "unknown count" || fail "stats lacks 'unknown >= 2'"
echo "$st" | grep -q '^tracked [1-9]' && ok "tracked count" || fail "stats lacks tracked"
ns rtr cat $conns
# other namespaces have their own (empty) view
expect_eq "cli sees no connections of rtr" "" "$(ns cli cat $conns)"
finish
