# l7-qos and the router's state, no traffic (tests/vm/t/l7qos.sh shapes):
# refusals and --dry-run change nothing, an apply sets up what the manual
# page says, applying twice ends in the same state, --clear gives back
# iptables and tc as found and leaves nothing to clear.
. /usr/local/lib/vmtest.sh
# l7-qos runs what TC and IP name: busybox's applets come first otherwise.
export TC IP
topo_router
l7_test_patterns /tmp/l7
cat > /tmp/qos.conf <<EOF
interface wan
upload   100mbit
download 1gbit
patterns /tmp/l7
class web  protocols http,ftp  rate 2mbit/20mbit  prio 1
class bulk protocols ssh       rate 512kbit ceil 1mbit
default                        rate 50mbit/500mbit
EOF
l7qos_foreign
l7qos_state > /tmp/s0

# refused WHAT CONFIG MESSAGE: l7-qos refuses CONFIG with MESSAGE.
refused() {
	out=$(ns rtr l7-qos "$2" 2>&1)
	rc=$?
	case $rc:$out in
	2:*"$3"*) ok "$1 refused: $(echo "$out" | head -n 1)" ;;
	*) fail "$1: exit $rc: $out" ;;
	esac
}
sed 's/^interface wan/interface lan/' /tmp/qos.conf > /tmp/lan.conf
refused "a foreign root qdisc" /tmp/lan.conf "lan has a root qdisc fq_codel"
cp -r /tmp/l7 /tmp/l7bad
printf 'ssh\n' > /tmp/l7bad/ssh.pat
sed 's|^patterns /tmp/l7|patterns /tmp/l7bad|' /tmp/qos.conf > /tmp/bad.conf
refused "a broken definition" /tmp/bad.conf "protocol ssh: iptables"
ns rtr l7-qos --dry-run /tmp/qos.conf > /tmp/dry || fail "--dry-run failed"
l7qos_state > /tmp/s1
same_state "refusals and --dry-run changed nothing" /tmp/s0 /tmp/s1

ns rtr l7-qos /tmp/qos.conf || fail "l7-qos refused the configuration"
l7qos_state > /tmp/s2
# has DESCRIPTION LINE: LINE (a fixed string) is in the state.
has() {
	grep -qF -- "$2" /tmp/s2 && ok "$1" ||
		fail "$1: no '$2' in the state: $(grep -F -- "${2%% -j *}" /tmp/s2 | head -n 2)"
}
has "the classifying chain" '-A L7QOS-wan -m layer7 --l7proto ftp --l7dir "/tmp/l7" -j CONNMARK --set-xmark 0x10000/0xff0000'
has "reached from PREROUTING" "-A PREROUTING -i wan -j L7QOS-wan"
n=$(grep -c -- "-A POSTROUTING -o wan -j L7QOS-wan" /tmp/s2)
[ "$n" -eq 2 ] && ok "reached from POSTROUTING, IPv4 and IPv6" ||
	fail "$n jumps from POSTROUTING, want one per family"
has "egress HTB" "qdisc htb 17: dev wan root"
has "ingress" "qdisc ingress ffff: dev wan parent ffff:fff1"
has "the IFB's HTB" "qdisc htb 17: dev l7q-wan root"
has "the web class, upload" "class htb 17:11 parent 17:1 leaf 111: prio 1 rate 2Mbit ceil 100Mbit"
has "the web class, download" "class htb 17:11 parent 17:1 leaf 111: prio 1 rate 20Mbit ceil 1Gbit"
has "fw filter" "handle 0x20000/0xff0000 classid 17:12"
has "the redirect" "mirred (Egress Redirect to device l7q-wan)"
# --dry-run names the commands as TC and IP do.
grep -q "^/usr/sbin/tc filter add dev wan parent ffff: protocol all prio 1 matchall action connmark action mirred egress redirect dev l7q-wan$" /tmp/dry &&
	ok "--dry-run printed the ingress filter" || fail "--dry-run: $(tail -n 2 /tmp/dry)"

l7qos_again_and_clear /tmp/qos.conf /tmp/s2 /tmp/s0
[ -z "$(ns rtr l7-qos --dry-run --clear /tmp/qos.conf)" ] &&
	ok "nothing left to clear" || fail "--clear left something to clear"
finish
