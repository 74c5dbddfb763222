# QoS, the HOWTO's second use: -j MARK on the protocol, tc HTB with an fw
# filter on the mark.  A bulk HTTP download is held to its class rate
# (measured); unmarked bulk traffic is not.
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
mkdir -p /tmp/www
head -c 1000000 /dev/urandom > /tmp/www/big
start_servers srv || fail "servers did not start"

rate_kbit=4000
ns rtr iptables -t mangle -A POSTROUTING -m layer7 --l7proto http --l7dir /tmp/l7 \
	-j MARK --set-mark 1 || fail "MARK rule refused"
# Downloads leave the router through lan, towards the client.
ns rtr $TC qdisc add dev lan root handle 1: htb default 20
ns rtr $TC class add dev lan parent 1: classid 1:1 htb rate 10gbit
ns rtr $TC class add dev lan parent 1:1 classid 1:10 htb rate ${rate_kbit}kbit ceil ${rate_kbit}kbit
ns rtr $TC class add dev lan parent 1:1 classid 1:20 htb rate 10gbit
ns rtr $TC filter add dev lan parent 1: protocol ip prio 1 handle 1 fw flowid 1:10 ||
	fail "tc fw filter refused"

# rate LINE: the kbit/s figure of e2e-tcp's report.
rate() { echo "$1" | sed -n 's/.* \([0-9]*\) kbit\/s$/\1/p'; }

out=$(ns cli e2e-tcp 10.0.2.2 80 -s 'GET /big HTTP/1.0\r\nHost: srv\r\n\r\n' -e 'HTTP/1.' -w 60)
shaped=$(rate "$out")
echo "http (marked): $out"
out=$(ns cli e2e-tcp 10.0.2.2 9001 -w 60)
unshaped=$(rate "$out")
echo "bulk (unmarked): $out"

if [ -z "$shaped" ] || [ -z "$unshaped" ]; then
	fail "a transfer failed"
else
	# GSO packets are large and TCG delays the qdisc timers (2.6-3.7 of
	# 4 Mbit/s measured here, less on a loaded host): a generous band.
	if [ "$shaped" -ge $((rate_kbit * 4 / 10)) ] && [ "$shaped" -le $((rate_kbit * 13 / 10)) ]; then
		ok "HTTP held to its class: $shaped kbit/s for a $rate_kbit kbit/s class"
	else
		fail "HTTP at $shaped kbit/s, class rate $rate_kbit kbit/s"
	fi
	if [ "$unshaped" -ge $((shaped * 4)) ]; then
		ok "unmarked traffic unlimited: $unshaped kbit/s"
	else
		fail "unmarked traffic at $unshaped kbit/s, not clearly above $shaped"
	fi
fi
m=$(ns rtr $TC -s class show dev lan | awk '/class htb 1:10 /{ f = 1 } f && /Sent/ { print $2; exit }')
[ "${m:-0}" -gt 900000 ] && ok "class 1:10 carried the download ($m bytes)" ||
	fail "class 1:10 carried ${m:-0} bytes"
finish
