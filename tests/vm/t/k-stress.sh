# Concurrency: parallel TCP and UDP clients through the router on both
# vCPUs while rules come and go (programs shared and freed), patterns
# are replaced, num_packets changes, the connection view is read and
# conntrack entries are flushed under the GC.  The test bed fails the run
# on any kernel WARNING, BUG or lockdep splat; afterwards the module's
# accounting must come back to zero.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'greet\n^hello\n' > $P/greet.pat
printf 'pong\n^pong\n' > $P/pong.pat
for i in 1 2 3 4 5 6; do printf "churn$i\n^churn$i|x{$i}y\n" > $P/churn$i.pat; done
L7="-m layer7 --l7dir $P"
S=10.0.2.2
stat_of() { ns rtr awk -v k="$1" '$1 == k { print $2 }' /proc/net/xt_layer7/stats; }

ns rtr iptables -t mangle -A POSTROUTING $L7 --l7proto greet
ns rtr iptables -t mangle -A POSTROUTING $L7 --l7proto pong
ns rtr iptables -t mangle -A POSTROUTING $L7 ! --l7proto unset
ns rtr ip6tables -t mangle -A POSTROUTING $L7 --l7proto greet
ns srv l7conv -6 -k -l 7001 r s:ok d &
ns srv l7conv -6 -k -l 7002 r s:ok r s:ok r s:ok d &
wait_port srv 7001
wait_port srv 7002

pids=
run() { $IP netns exec cli "$@" > /dev/null 2>&1 & pids="$pids $!"; }
run l7conv -N 400 -c $S 7001 s:hello r
run l7conv -N 400 -c $S 7002 s:zz r s:zz r s:zz r
run l7conv -6 -N 300 -c fd02::2 7001 s:hello r
run l7conv -N 300 -c $S 7001 s:pong r
run l7conv -c $S 7001 s:hello b:100000000
i=0
while [ $i -lt 6 ]; do
	ns srv l7conv -u -l $((7100 + i)) r s:pong >/dev/null 2>&1 &
	i=$((i + 1))
done

# churn: rules with their own patterns added and deleted, each delete
# freeing a program undecided connections may hold a stream for
n=0
while [ $n -lt 10 ]; do
	k=$((n % 6 + 1))
	ns rtr iptables -t mangle -I POSTROUTING 2 $L7 --l7proto churn$k
	ns rtr cat /proc/net/xt_layer7/connections > /dev/null
	echo $((n % 6 + 5)) > /proc/net/layer7_numpackets
	ns rtr iptables -t mangle -D POSTROUTING $L7 --l7proto churn$k
	[ $((n % 5)) = 0 ] && ns rtr conntrack -F >/dev/null 2>&1
	[ $((n % 3)) = 0 ] && ns cli l7conv -u -c $S $((7100 + n % 6)) s:ping r >/dev/null 2>&1 &
	n=$((n + 1))
done
ok "$n rounds of rule churn under traffic"
wait $pids
echo 10 > /proc/net/layer7_numpackets
d=$(stat_of decided)
[ "${d:-0}" -gt 100 ] && ok "connections decided under churn ($d)" || fail "few decisions under churn: $d"
ns rtr cat /proc/net/xt_layer7/stats

# quiet: every entry and byte is given back
l7_released rtr
ns rtr iptables -t mangle -F
ns rtr ip6tables -t mangle -F
check "module unloads" rmmod xt_layer7
finish
