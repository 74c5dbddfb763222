# The test bed's network: three namespaces, forwarding, conntrack and
# iptables counters (legacy and nft) all move with real traffic.
. /usr/local/lib/vmtest.sh
topo_router

check "cli reaches srv over IPv4" reach cli 10.0.2.2
check "cli reaches srv over IPv6" reach cli fd02::2

# conntrack runs in a namespace only once a rule asks for it.
ns rtr iptables -t mangle -A POSTROUTING -p icmp -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ns rtr iptables-nft -t filter -A FORWARD -p icmp -j ACCEPT
ns cli ping -c3 -i 0.2 -W2 10.0.2.2 >/dev/null
# Both directions leave the router through POSTROUTING.
expect_eq "legacy mangle POSTROUTING counter" 6 "$(pkts rtr mangle POSTROUTING 1)"
expect_eq "nft filter FORWARD counter" 6 "$(pkts rtr filter FORWARD 1 iptables-nft)"
ct_icmp() { ns rtr conntrack -L -p icmp 2>/dev/null | grep -q 'src=10.0.1.2 dst=10.0.2.2'; }
check "conntrack sees the ICMP flow" ct_icmp

# A TCP transfer through the router (busybox httpd + wget).
mkdir -p /tmp/www
head -c 100000 /dev/urandom > /tmp/www/blob
ns srv httpd -p 80 -h /tmp/www
wait_port srv 80
check "HTTP download through the router" ns cli wget -q -O /tmp/blob.got http://10.0.2.2/blob
check "download intact" cmp -s /tmp/www/blob /tmp/blob.got
finish
