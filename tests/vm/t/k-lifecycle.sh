# Module and table lifecycle under traffic: flush and rmmod while
# connections flow, reload and classify again, the GC reclaiming entries
# of dead connections, the cap on undecided connections, maxdatalen
# (load time, clamped), and deleting a namespace that still has entries
# (they hold conntrack references: conntrack's own netns cleanup would
# wait forever if they were not dropped first).
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'greet\n^hello\n' > $P/greet.pat
printf 'long\n^abcdefghij\n' > $P/long.pat
printf 'short\n^abcdefghi\n' > $P/short.pat
L7="-m layer7 --l7dir $P"
S=10.0.2.2
stat_of() { ns rtr awk -v k="$1" '$1 == k { print $2 }' /proc/net/xt_layer7/stats; }
add_rules() {
	ns rtr iptables -t mangle -A POSTROUTING $L7 --l7proto greet &&
	ns rtr iptables -t mangle -A POSTROUTING $L7 --l7proto long &&
	ns rtr iptables -t mangle -A POSTROUTING $L7 --l7proto short
}

check "rules added" add_rules
ns srv l7conv -k -l 9000 d &
ns srv l7conv -k -l 9001 r s:hi d &
wait_port srv 9000
wait_port srv 9001

# --- traffic while rules go away and the module unloads --------------------
# ip netns exec execs the client: $! is the client itself
$IP netns exec cli l7conv -c $S 9000 s:hello b:200000000 > /tmp/bulk.out 2>&1 &
bulk=$!
$IP netns exec cli l7conv -N 100000 -c $S 9001 s:hello r > /tmp/short.out 2>&1 &
short=$!
sleep 2
d=$(stat_of decided)
[ "${d:-0}" -gt 0 ] && ok "connections decided under traffic ($d)" || fail "nothing decided under traffic"
check "flush under traffic" ns rtr iptables -t mangle -F
check "rmmod under traffic" rmmod xt_layer7
check "reload under traffic" modprobe xt_layer7
check "rules added again" add_rules
sleep 2
d=$(stat_of decided)
[ "${d:-0}" -gt 0 ] && ok "classifying again after reload ($d)" || fail "nothing decided after reload"
kill $short $bulk
wait $short $bulk 2>/dev/null

# --- the GC drops entries once conntrack forgets the connections ----------
t=$(stat_of tracked)
[ "${t:-0}" -gt 0 ] && ok "entries tracked ($t)" || fail "no entries tracked"
l7_released rtr

# --- cap on undecided connections --------------------------------------------
echo 2 > /sys/module/xt_layer7/parameters/max_undecided
c0=$(stat_of cap_hits)
pids=
for i in 1 2 3 4; do
	$IP netns exec cli l7conv -c $S 9000 s:zzz w:3000 &
	pids="$pids $!"
done
sleep 1.5
expect_eq "undecided connections capped" 2 "$(stat_of undecided)"
c=$(stat_of cap_hits)
[ "$c" -gt "$c0" ] && ok "cap hits counted ($c0 -> $c)" || fail "cap hits not counted ($c0 -> $c)"
wait $pids
echo 16384 > /sys/module/xt_layer7/parameters/max_undecided

# --- maxdatalen: the buffer keeps maxdatalen - 1 bytes ---------------------
ns rtr iptables -t mangle -F
check "rmmod with no rules left" rmmod xt_layer7
check "load with maxdatalen=10" modprobe xt_layer7 maxdatalen=10
expect_eq "maxdatalen in stats" 10 "$(stat_of maxdatalen)"
add_rules
ns cli l7conv -c $S 9000 s:abcdefghijkl
sleep 0.3
line=$(ns rtr grep " $S:9000 " /proc/net/xt_layer7/connections | tail -n1)
case $line in *" short packets="*) ok "9 bytes kept: short matched, long could not";;
*) fail "maxdatalen=10: $line";; esac
ns rtr iptables -t mangle -F
rmmod xt_layer7
modprobe xt_layer7
add_rules
ns cli l7conv -c $S 9000 s:abcdefghijkl
sleep 0.3
line=$(ns rtr grep " $S:9000 " /proc/net/xt_layer7/connections | tail -n1)
case $line in *" long packets="*) ok "default maxdatalen: long matched first";;
*) fail "default maxdatalen: $line";; esac
ns rtr iptables -t mangle -F
rmmod xt_layer7
modprobe xt_layer7 maxdatalen=0
expect_eq "maxdatalen=0 clamped" 1 "$(stat_of maxdatalen)"
rmmod xt_layer7
modprobe xt_layer7 maxdatalen=1000000
expect_eq "maxdatalen=1000000 clamped" 65536 "$(stat_of maxdatalen)"

# --- a namespace dies with entries in it -------------------------------------
add_rules
ns cli l7conv -c $S 9001 s:hello r
t=$(stat_of tracked)
[ "${t:-0}" -gt 0 ] && ok "entries before netns deletion ($t)" || fail "no entries before netns deletion"
check "delete the namespace with entries" $IP netns del rtr
sleep 1
i=0
while [ $i -lt 50 ] && ! rmmod xt_layer7 2>/dev/null; do sleep 0.2; i=$((i + 1)); done
grep -q '^xt_layer7 ' /proc/modules && fail "module still loaded after netns deletion" ||
	ok "module unloaded after netns deletion"
grep -q '^nf_conntrack ' /proc/modules && check "conntrack unloads too (no ct leaked)" \
	sh -c 'modprobe -r nf_conntrack_netlink nf_conntrack 2>/dev/null; ! grep -q "^nf_conntrack " /proc/modules || { lsmod; false; }'
finish
