# make demo: xt_layer7 doing its three jobs on real traffic, in the VM.
#   cli 10.0.1.2 -- rtr (the classifier) -- srv 10.0.2.2
. /usr/local/lib/vmtest.sh
say() { printf '\n== %s\n' "$*"; }

say "xt_layer7 on Linux $(uname -r): a client, a router that classifies, a server"
# Kernel messages (a module loading, a qdisc's advice) would land in the
# middle of the demo's output: the console shows emergencies only.  The
# VM's init still reports any BUG or WARNING from dmesg at the end.
dmesg -n 1
topo_router
l7_test_patterns /tmp/l7
mkdir -p /tmp/www
head -c 1000000 /dev/urandom > /tmp/www/big
start_servers srv || fail "servers did not start"

# The project's definitions (/etc/l7-protocols) where they exist, the
# demo's simple ones otherwise.
protos="http ftp ssh dns"
dir_of() {
	if [ -n "$(find /etc/l7-protocols -name "$1.pat" 2>/dev/null)" ]; then
		echo ""
	else
		echo "--l7dir /tmp/l7"
	fi
}
ns rtr iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp
for p in $protos; do
	ns rtr iptables -t mangle -A POSTROUTING -m layer7 --l7proto $p $(dir_of $p) ||
		fail "rule for $p refused"
done
ns rtr iptables -t mangle -A POSTROUTING -m layer7 --l7proto unknown $(dir_of unknown)
ns rtr iptables -t mangle -A POSTROUTING -m layer7 --l7proto http $(dir_of http) -j MARK --set-mark 1
ns rtr $TC qdisc add dev lan root handle 1: htb default 20
ns rtr $TC class add dev lan parent 1: classid 1:1 htb rate 10gbit
ns rtr $TC class add dev lan parent 1:1 classid 1:10 htb rate 4mbit ceil 4mbit
ns rtr $TC class add dev lan parent 1:1 classid 1:20 htb rate 10gbit
ns rtr $TC filter add dev lan parent 1: protocol ip prio 1 handle 1 fw flowid 1:10

say "Rules on the router (accounting, then MARK for shaping)"
ns rtr iptables -t raw -S PREROUTING | grep -- -A
ns rtr iptables -t mangle -S POSTROUTING | grep -- -A
echo "tc: HTTP (mark 1) -> class 1:10 at 4 Mbit/s; everything else -> 1:20, unlimited"

say "Traffic"
rate() { echo "$1" | sed -n 's/.* \([0-9]*\) kbit\/s$/\1/p'; }
t=$(ns cli e2e-tcp 10.0.2.2 80 -s 'GET /big HTTP/1.0\r\nHost: srv\r\n\r\n' -e 'HTTP/1.' -w 60) ||
	fail "HTTP download"
shaped=$(rate "$t")
echo "HTTP download of 1 MB:     $t"
t=$(ns cli e2e-tcp 10.0.2.2 9001 -w 60) || fail "bulk download"
unshaped=$(rate "$t")
echo "unclassified bulk, 2 MB:   $t"
flow_ftp cli 10.0.2.2 >/dev/null 2>&1 && echo "FTP: 200 kB by passive FTP" || fail "FTP"
flow_ssh cli 10.0.2.2 && echo "SSH: banner exchange" || fail "SSH"
for i in 1 2 3; do flow_dns cli 10.0.2.2 || fail "DNS"; done
echo "DNS: 3 queries over UDP"
flow_garbage cli 10.0.2.2 && echo "garbage: 15 packets of random bytes over TCP" || fail "garbage"

say "Per-protocol counters (router, mangle POSTROUTING)"
printf '%-10s %10s %12s\n' protocol packets bytes
for p in $protos unknown; do
	printf '%-10s %10s %12s\n' $p "$(l7count rtr $p)" "$(l7bytes rtr $p)"
done

say "Shaping"
echo "HTTP, marked by layer7:    ${shaped:-?} kbit/s (class rate 4000 kbit/s)"
echo "bulk, unmarked:            ${unshaped:-?} kbit/s"
ns rtr $TC -s class show dev lan | awk '/class htb 1:(10|20) / { c = $3 } /Sent/ && c { print "class " c ": " $2 " bytes, " $4 " packets"; c = "" }'

say "Why the counts differ"
echo "iptables counts the packets each rule matched, from the one that decided the"
echo "connection on, and a GSO/GRO super-packet (up to 64 KB of TCP) as one; tc counts"
echo "the wire packets such a super-packet is cut into, in every class, from the first."
echo "/proc counts connections: 'tracked' includes the FTP data connections (children,"
echo "which take their master's decision), and 'packets=' stops at the decision."

say "/proc/net/xt_layer7/stats (router), one line per field"
ns rtr cat /proc/net/xt_layer7/stats | awk '
BEGIN {
	d["tracked"] = "connections in the table now (FTP data children included)"
	d["undecided"] = "of those, still being classified"
	d["decided"] = "connections a rule decided, since the first rule"
	d["unknown"] = "connections given up on (num_packets, closed, or a bound)"
	d["cap_hits"] = "connections not classified: max_undecided was reached"
	d["evicted"] = "empty undecided connections forgotten to make room"
	d["over_steps"] = "connections that gave up: scanning took too much work"
	d["over_memory"] = "connections that gave up or were not tracked: memory bound"
	d["nomem"] = "allocations that failed (the memory cgroup included)"
	d["memory"] = "bytes the connections hold now"
	d["patterns_memory"] = "bytes of the compiled patterns (all namespaces)"
	d["combined_patterns"] = "patterns scanned together in one pass"
	d["combined_memory"] = "bytes that combined scan takes"
	d["max_undecided"] = "setting: undecided connections at most"
	d["max_memory"] = "setting: bytes for connections at most"
	d["num_packets"] = "setting: packets before a connection is unknown"
	d["maxdatalen"] = "setting: bytes kept per connection, plus one"
	d["steps_per_packet"] = "bound: scan work one packet may cause"
	d["steps_per_connection"] = "bound: scan work one connection may cause"
}
$1 == "proto" { printf "%-22s %-10s %s\n", "proto " $2, $3, "connections decided as " $2; next }
{ printf "%-22s %-10s %s\n", $1, $2, d[$1] }'
say "/proc/net/xt_layer7/connections (router)"
echo "(protocol: the decision, unset while undecided; packets= counted up to it;"
echo " buffered= payload bytes kept; mem= bytes held; child: takes its master's)"
ns rtr cat /proc/net/xt_layer7/connections | head -n 12
echo
finish
