# The packet that closes a connection is still seen by every rule it
# reaches: a RST carrying data (conntrack: CLOSE) can decide the
# connection for a later rule, as l7classify decides it, before the
# undecided connection gives up.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'greet\n^hello\n' > $P/greet.pat
printf 'other\n^zzz\n' > $P/other.pat
S=10.0.2.2
conns=/proc/net/xt_layer7/connections

ns srv l7conv -k -l 9100 d 2>/dev/null &
wait_port srv 9100
l7_chain 9100 "-m layer7 --l7dir $P --l7proto other" \
	"-m layer7 --l7dir $P --l7proto greet"
# the client's stack answers the SYN/ACK to l7rst's SYN with a RST of
# its own (no socket owns the port): drop that one, not l7rst's
check "client drops its stack's RSTs" ns cli iptables -A OUTPUT -p tcp \
	--tcp-flags RST RST -m mark ! --mark 7 -j DROP
check "handshake, then a RST with data" \
	ns cli l7rst 10.0.1.2 41000 $S 9100 "hello from a rst"
expect_eq "the second rule saw the RST's data" 1 "$(pkts rtr mangle L7_9100 2)"
v=$(ns rtr cat $conns | awk -v d="$S:9100" '$4 == d { print $5; exit }')
expect_eq "the connection is decided by the RST's data" greet "$v"
finish
