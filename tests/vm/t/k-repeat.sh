# A request and its answer repeated word for word (keepalives): IPv6 UDP
# has no IP id, so the key of a datagram is its skb's address, lengths and
# a payload sample, and a repeat often brings the key of the one before it
# going the same way.  Every datagram counts and adds its bytes, as in
# l7-filter: the buffer holds the whole exchange.  Both ends run on one
# CPU, where a freed skb's memory is the next one allocated: the repeats
# do bring equal keys.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'never\n^never-sent\n' > $P/never.pat
printf 'keepalive\n^pingpongpingpongpingpongpingpong\n' > $P/keepalive.pat
conns=/proc/net/xt_layer7/connections
check "module loads" modprobe xt_layer7
echo 99 > /sys/module/xt_layer7/parameters/num_packets
for port in 8301 8302; do
	ns rtr ip6tables -t mangle -N L7_$port
	ns rtr ip6tables -t mangle -A POSTROUTING -p udp --dport $port -j L7_$port
	ns rtr ip6tables -t mangle -A POSTROUTING -p udp --sport $port -j L7_$port
done
ns rtr ip6tables -t mangle -A L7_8301 -m layer7 --l7dir $P --l7proto never
ns rtr ip6tables -t mangle -A L7_8301
ns rtr ip6tables -t mangle -A L7_8302 -m layer7 --l7dir $P --l7proto keepalive
ns rtr ip6tables -t mangle -A L7_8302
for port in 8301 8302; do
	ns srv taskset 1 l7conv -6 -u -l $port r s:pong r s:pong r s:pong r s:pong &
	srvpid=$!
	wait_port srv $port udp
	check "IPv6 UDP keepalives, port $port" ns cli taskset 1 l7conv -6 -u -c fd02::2 $port s:ping r s:ping r s:ping r s:ping r
	wait $srvpid
	sleep 0.3
	ns rtr cat $conns
done
n=$(ns rtr ip6tables -t mangle -L L7_8301 -v -n -x | awk 'NR > 2 { print $1 }' | tail -1)
expect_eq "8 datagrams crossed" 8 "$n"
expect_eq "packets= counts every datagram" 8 "$(l7_packets 17 "[fd02::2]:8301")"
got=$(ns rtr awk '$2 == 17 && $4 == "[fd02::2]:8302" { print $5 }' $conns)
expect_eq "the buffer holds every datagram" keepalive "$got"
echo 10 > /sys/module/xt_layer7/parameters/num_packets
finish
