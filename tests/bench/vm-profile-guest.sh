# Profile of the router under bench-tcp traffic, run inside the VM by
# tests/bench/vm-profile.sh: where the cycles of 20 rules go.
#
#   vm-profile-guest.sh OUTDIR KIND RULES
#
# KIND: bulk (one download) or rr (short connections, 2 clients).
# RULES: l7 (20 layer7 rules, none matching: the bench's chain), mark
# (20 "-m mark" rules) or none (the jump rule only).  cli -> rtr -> srv
# as in the scenarios; the rules sit in rtr's mangle POSTROUTING.  perf
# samples the whole machine for 3 s after a 2 s warm-up; OUTDIR gets
# KIND-RULES.txt: the rate, the flat profile, and the profile of what
# runs below layer7_mt.
. /usr/local/lib/vmtest.sh
out=${1:?output dir} kind=${2:?bulk or rr} rules=${3:?l7, mark or none}
command -v perf >/dev/null || skip "no perf in the image (VM_EXTRA_BINS=/usr/bin/perf)"
topo_router
modprobe nf_conntrack
sysctl -qw net.netfilter.nf_conntrack_max=262144
reach cli 10.0.2.2 || fail "no route from cli to srv"
port=5001 srvopt="-n -1"
[ $kind = rr ] && port=5003 srvopt="-n 200"
ns srv bench-tcp serve $port $srvopt &
wait_port srv $port || skip "bench-tcp server did not start"
ns rtr iptables -t mangle -N L7
ns rtr iptables -t mangle -A POSTROUTING -p tcp --dport $port -j L7
ns rtr iptables -t mangle -A POSTROUTING -p tcp --sport $port -j L7
for p in ssh smtp ftp pop3 imap irc nntp rtsp sip bittorrent mysql \
	postgresql redis mqtt smb rdp ldap jabber git http; do
	case $rules in
	l7) ns rtr iptables -t mangle -A L7 -m layer7 --l7proto $p ||
		skip "no $p definition";;
	mark) ns rtr iptables -t mangle -A L7 -m mark --mark 0x1234;;
	none) ;;
	*) fail "RULES: l7, mark or none, not $rules"; finish;;
	esac
done
client() { $IP netns exec cli bench-tcp $kind 10.0.2.2 $port -r 100 -t "$1" -c 2; }
client 2 > /dev/null || fail "warm-up run failed"
r=/tmp/report
cd /tmp
perf record -q -e cpu-clock -F 2000 -a -g -o /tmp/perf.data -- \
	$IP netns exec cli bench-tcp $kind 10.0.2.2 $port -r 100 -t 3 -c 2 > $r 2>&1 ||
	fail "perf record failed: $(cat $r)"
{
	echo "# $kind, rules: $rules, $(uname -r); under perf:"
	cat $r
	echo "# self time, whole machine"
	perf report -i /tmp/perf.data --no-children --sort sym --stdio -g none 2>/dev/null |
		grep '%' | head -40
	echo "# self time of xt_layer7's own functions, all of them"
	perf report -i /tmp/perf.data --no-children --sort sym --stdio -g none 2>/dev/null |
		grep -E '\] (l7|layer7)'
	echo "# self time of what runs below layer7_mt"
	perf report -i /tmp/perf.data --no-children --sort sym --stdio -g none \
		--parent=layer7_mt -x 2>/dev/null | grep '%' | head -30
	echo "# time including callees"
	perf report -i /tmp/perf.data --children --sort sym --stdio -g none 2>/dev/null |
		grep -E '\] (nf_hook_slow|ipt_do_table|layer7_mt|l7k_hook|mark_mt)' | head
} > "$out/$kind-$rules.txt"
ok "profile in $kind-$rules.txt"
finish
