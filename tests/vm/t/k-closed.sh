# Closed connections leave the undecided count: a TCP connection that is
# still undecided when conntrack sees it reach TIME_WAIT or CLOSE gives
# up ("unknown") and frees its data, on the packet that closed it or at
# the next GC sweep, instead of holding a max_undecided slot until
# conntrack forgets it (120 s in TIME_WAIT).
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'greet\n^hello\n' > $P/greet.pat
L7="-m layer7 --l7dir $P --l7proto greet"
S=10.0.2.2
stat_of() { ns rtr awk -v k="$1" '$1 == k { print $2 }' /proc/net/xt_layer7/stats; }
# wait_stat KEY VALUE: up to 10 s for the stat to reach VALUE
wait_stat() {
	local i=0
	while [ $i -lt 50 ] && [ "$(stat_of $1)" != "$2" ]; do
		sleep 0.2
		i=$((i + 1))
	done
}

# The server closes first, so the client's side ends in TIME_WAIT on the
# server's last ACK; "zzz" never matches: every connection is undecided.
ns srv l7conv -k -l 9001 r s:yy &
ns srv l7conv -k -l 9002 d &
wait_port srv 9001
wait_port srv 9002

# --- the packet path: every direction seen, released at the last ACK -------
check "rule on both directions" ns rtr iptables -t mangle -A POSTROUTING $L7
echo 100 > /sys/module/xt_layer7/parameters/max_undecided
# an open connection keeps its slot and data
$IP netns exec cli l7conv -c $S 9002 s:zzz w:3000 &
open=$!
sleep 1
expect_eq "an open undecided connection is counted" 1 "$(stat_of undecided)"
wait $open
wait_stat undecided 0
c0=$(stat_of cap_hits)
u0=$(stat_of unknown)
check "1000 short connections" ns cli l7conv -N 1000 -c $S 9001 s:zzz r d
expect_eq "no cap hits with max_undecided 100" "$c0" "$(stat_of cap_hits)"
wait_stat undecided 0
expect_eq "undecided back to zero" 0 "$(stat_of undecided)"
u=$(stat_of unknown)
[ $((u - u0)) -ge 1000 ] && ok "closed connections became unknown ($u0 -> $u)" ||
	fail "closed connections not unknown ($u0 -> $u)"

# --- the GC: the rule never sees the packet that closes the connection ----
ns rtr iptables -t mangle -F
ns rtr conntrack -F 2>/dev/null
wait_stat tracked 0
echo 300 > /sys/module/xt_layer7/parameters/max_undecided
# only the client's packets: the server's last ACK moves conntrack to
# TIME_WAIT unseen by the rule, so only the GC can release the data
check "rule on the client's direction only" \
	ns rtr iptables -t mangle -A POSTROUTING -o wan $L7
c0=$(stat_of cap_hits)
check "200 short connections" ns cli l7conv -N 200 -c $S 9001 s:zzz r d
wait_stat undecided 0
expect_eq "GC brought undecided back to zero" 0 "$(stat_of undecided)"
expect_eq "no cap hits" "$c0" "$(stat_of cap_hits)"
m=$(stat_of memory)
t=$(stat_of tracked)
# only the entries themselves are left: no buffers, no stream states
[ "${m:-1}" -le $((t * 256)) ] && ok "data freed ($m bytes for $t entries)" ||
	fail "data kept: $m bytes for $t entries"

ns rtr iptables -t mangle -F
echo 16384 > /sys/module/xt_layer7/parameters/max_undecided
finish
