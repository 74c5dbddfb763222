# Blocking: a DROP rule for one protocol in the router's FORWARD chain
# stops that protocol; the others pass.
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
start_servers srv || fail "servers did not start"

check "SSH passes before the rule" flow_ssh cli 10.0.2.2
ns rtr iptables -A FORWARD -m layer7 --l7proto ssh --l7dir /tmp/l7 -j DROP ||
	fail "DROP rule refused"

if ns cli e2e-tcp 10.0.2.2 22 -s 'SSH-2.0-e2e_client\r\n' -e 'SSH-2.0-' -w 3 >/dev/null 2>&1; then
	fail "SSH connection got through the DROP rule"
else
	ok "SSH blocked"
fi
n=$(ns rtr iptables -L FORWARD 1 -v -n -x | awk '{ print $1 }')
[ "${n:-0}" -gt 0 ] && ok "DROP rule hit ($n packets)" || fail "DROP rule never hit"
check "HTTP still passes" flow_http cli 10.0.2.2
check "DNS still passes" flow_dns cli 10.0.2.2
check "garbage still passes" flow_garbage cli 10.0.2.2
check "FTP still passes" flow_ftp cli 10.0.2.2

ns rtr iptables -D FORWARD 1
check "SSH passes again once the rule is gone" flow_ssh cli 10.0.2.2
finish
