# xt_layer7 cost on a router, in the VM (run by `make bench-kernel`):
#   bulk TCP throughput and short connections per second, with 20 layer7
#   rules in mangle POSTROUTING vs none (baseline: conntrack active
#   through a -m conntrack rule, so that the ratio is layer7's own cost;
#   a run without any rule is shown too), alternating runs, best of N;
#   memory per undecided and per decided connection from
#   /proc/net/xt_layer7/stats.
. /usr/local/lib/vmtest.sh
topo_router
S=10.0.2.2
RUNS=${1:-3}
BULK=${2:-300000000}
SHORT=${3:-1500}
P=/etc/l7-protocols
ns srv l7conv -k -l 9000 d &
ns srv l7conv -k -l 9001 r s:HTTP/1.0\ 200\ OK\\r\\n\\r\\n &
wait_port srv 9000
wait_port srv 9001

# 20 real definitions, none of which matches the benchmark's traffic
# first (http would decide the short connections: keep it last)
names=
for f in $(ls $P/*.pat | sort); do
	n=$(basename $f .pat)
	case $n in unset|unknown|http) continue;; esac
	names="$names $n"
done
set -- $names
rules=
i=0
for n in "$@"; do
	[ $i -ge 19 ] && break
	rules="$rules $n"
	i=$((i + 1))
done
rules="$rules http"

mode() {
	ns rtr iptables -t mangle -F
	case $1 in
	none) ;;
	ct) ns rtr iptables -t mangle -A POSTROUTING -m conntrack --ctstate NEW,ESTABLISHED,RELATED;;
	l7) for n in $rules; do
		ns rtr iptables -t mangle -A POSTROUTING -m layer7 --l7proto $n ||
			fail "rule for $n refused"
	    done;;
	esac
	ns rtr conntrack -F 2>/dev/null
	sleep 0.5
}
bulk() { ns cli l7conv -c $S 9000 b:$BULK | awk '{ print $(NF - 1) }'; }
short() { ns cli l7conv -N $SHORT -c $S 9001 's:GET / HTTP/1.0\r\n\r\n' r | awk '{ print $NF }' | tr -d /s; }
best() { tr ' ' '\n' | grep . | sort -g | tail -n1; }

b_none= b_ct= b_l7= s_none= s_ct= s_l7=
r=0
while [ $r -lt $RUNS ]; do
	for m in none ct l7; do
		mode $m
		eval "b_$m=\"\$b_$m $(bulk)\""
		mode $m
		eval "s_$m=\"\$s_$m $(short)\""
	done
	r=$((r + 1))
done
echo "rules: $(echo $rules | wc -w) layer7 rules:$rules"
for m in none ct l7; do
	eval "echo \"bulk Mbit/s $m: \$b_$m  short conn/s $m: \$s_$m\""
done
bn=$(echo $b_none | best) bc=$(echo $b_ct | best) bl=$(echo $b_l7 | best)
sn=$(echo $s_none | best) sc=$(echo $s_ct | best) sl=$(echo $s_l7 | best)
echo "RESULT bulk: none $bn, conntrack $bc, 20 layer7 rules $bl Mbit/s; ratio l7/conntrack $(echo "scale=3; $bl / $bc" | bc), l7/none $(echo "scale=3; $bl / $bn" | bc)"
echo "RESULT short: none $sn, conntrack $sc, 20 layer7 rules $sl conn/s; ratio l7/conntrack $(echo "scale=3; $sl / $sc" | bc), l7/none $(echo "scale=3; $sl / $sn" | bc)"

# --- memory per connection --------------------------------------------------
stat_of() { ns rtr awk -v k="$1" '$1 == k { print $2 }' /proc/net/xt_layer7/stats; }
mode l7
N=200
pids=
for i in $(seq $N); do
	$IP netns exec cli l7conv -c $S 9000 's:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\r\n' w:6000 &
	pids="$pids $!"
done
sleep 4
u=$(stat_of undecided) m=$(stat_of memory)
echo "RESULT memory undecided: $u connections, $m bytes, $((m / (u > 0 ? u : 1))) bytes each (70 bytes buffered, 20 patterns tried)"
wait $pids
ns rtr conntrack -F 2>/dev/null
sleep 4
for i in $(seq $N); do
	$IP netns exec cli l7conv -c $S 9001 's:GET / HTTP/1.0\r\n\r\n' r w:4000 &
	pids="$pids $!"
done
sleep 3
t=$(stat_of tracked) d=$(stat_of decided) m=$(stat_of memory)
echo "RESULT memory decided: $t connections ($d decided), $m bytes, $((m / (t > 0 ? t : 1))) bytes each"
wait $pids
ns rtr cat /proc/net/xt_layer7/stats
finish
