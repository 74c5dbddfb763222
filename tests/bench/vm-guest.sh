# Kernel benchmarks of xt_layer7, run inside the VM by tests/bench/vm-run.sh.
#
#   vm-guest.sh OUT [BULK_SECS REPS RR_SECS HOLD]
#
# Topology: the scenarios' cli -> rtr -> srv over veth (tests/vm/lib.sh
# topo_router) plus a second router, cli -> rtr2 -> srv, whose mangle
# POSTROUTING holds the rules, where l7-filter's documentation put them
# (both directions pass there).  Traffic: tests/vm/helpers/bench-tcp.c.
# Configurations, measured in turn in every round so that drift of the
# emulated machine hits all alike:
#   none   through rtr: no rule at all, no conntrack
#   ct     through rtr2, ports 600x: conntrack and one cheap rule
#   x20    through rtr2, ports 700x: conntrack and 20 "-m mark" rules,
#          the cost of any 20 rules: what layer7 rules cannot go under
#   str    through rtr2, ports 800x: conntrack and 20 "-m string --algo
#          bm" rules, each for a string that never occurs: the in-kernel
#          content match an administrator would otherwise reach for
#   l7     through rtr2, ports 500x: 20 layer7 rules, none matches
#   hit    the same 20 rules, the last (http) matches the first packet
# A discarded warm-up round comes first: TCG translates code the first
# time it runs, which would bill the first configuration measured.  Then
# REPS rounds; each figure is the median of its runs, all runs shown.
# Rounds alternate the order of the configurations, so that a trend of
# the host's load does not favour one.  The emulated vCPUs share the host
# with whatever else runs there: the table says what its load was.
# (Running two configurations at once to cancel that out does not work
# for bulk TCP: one flow starves the other.)  The table goes to OUT.
. /usr/local/lib/vmtest.sh
out=${1:?output file}
bulk_secs=${2:-2}
reps=${3:-5}
rr_secs=${4:-2}
hold=${5:-1000}
srv=10.0.2.2 srv2=10.0.4.2
http_req='GET /bulk HTTP/1.1\r\nHost: srv\r\nUser-Agent: bench\r\n\r\n'
http_reply='HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n'
# Requests that match nothing: the first bytes of the bulk stream.
garbage=100

# Two routers between the same client and server: rtr (10.0.2.2) never
# has a rule, so its traffic runs without conntrack; rtr2 (10.0.4.2)
# holds all the rules.  A configuration is then chosen by destination
# and port, without reloading rules between runs.
topo_router
$IP netns add rtr2
ns rtr2 $IP link set lo up
$IP link add lan netns rtr2 type veth peer name eth1 netns cli
$IP link add wan netns rtr2 type veth peer name eth1 netns srv
ns cli $IP addr add 10.0.3.2/24 dev eth1
ns rtr2 $IP addr add 10.0.3.1/24 dev lan
ns rtr2 $IP addr add 10.0.4.1/24 dev wan
ns srv $IP addr add 10.0.4.2/24 dev eth1
for n in cli srv; do ns $n $IP link set eth1 up; done
ns rtr2 $IP link set lan up
ns rtr2 $IP link set wan up
ns cli $IP route add 10.0.4.0/24 via 10.0.3.1
ns srv $IP route add 10.0.3.0/24 via 10.0.4.1
ns rtr2 sysctl -qw net.ipv4.ip_forward=1
modprobe nf_conntrack
# Short connections linger in TIME_WAIT: room for all of them.
sysctl -qw net.netfilter.nf_conntrack_max=262144
reach cli $srv || fail "no route from cli to srv through rtr"
reach cli $srv2 || fail "no route from cli to srv through rtr2"

# 5001 bulk, 5002 bulk after an HTTP reply, 5003 short reply, 5004 short
# HTTP reply, 5005 keeps connections open; 6001 and 6003 as 5001 and
# 5003, for the conntrack-only configuration, 7001 and 7003 for x20.
ns srv bench-tcp serve 5001 -n -1 &
ns srv bench-tcp serve 5002 -b "$http_reply" -n -1 &
ns srv bench-tcp serve 5003 -n 200 &
ns srv bench-tcp serve 5004 -b "$http_reply" -n 200 &
ns srv bench-tcp serve 5005 -k &
ns srv bench-tcp serve 6001 -n -1 &
ns srv bench-tcp serve 6003 -n 200 &
ns srv bench-tcp serve 7001 -n -1 &
ns srv bench-tcp serve 7003 -n 200 &
ns srv bench-tcp serve 8001 -n -1 &
ns srv bench-tcp serve 8003 -n 200 &
for p in 5001 5002 5003 5004 5005 6001 6003 7001 7003 8001 8003; do
	wait_port srv $p || skip "bench-tcp server on port $p did not start"
done

# ---- the rules ----------------------------------------------------------------
# rtr2: ports 5001-5005 (both directions) go through chain L7, 20 layer7
# counting rules: 19 protocols from /etc/l7-protocols (the first that
# load, in this order), then http, the one the "hit" traffic carries.
# Ports 600x only meet the jump rule: conntrack and one cheap match.
# Ports 700x meet 20 rules that never match and cost little each.
ns rtr2 iptables -t mangle -N L7
ns rtr2 iptables -t mangle -A POSTROUTING -p tcp -m multiport --ports 5001:5005 -j L7
ns rtr2 iptables -t mangle -N X20
ns rtr2 iptables -t mangle -A POSTROUTING -p tcp -m multiport --ports 7001:7003 -j X20
for i in $(seq 20); do
	ns rtr2 iptables -t mangle -A X20 -m mark --mark 0x1234
done
ns rtr2 iptables -t mangle -N STR
ns rtr2 iptables -t mangle -A POSTROUTING -p tcp -m multiport --ports 8001:8003 -j STR
for i in $(seq 20); do
	ns rtr2 iptables -t mangle -A STR -m string --algo bm --string "never-sent-$i" ||
		skip "no -m string --algo bm in this kernel"
done
cands="ssh smtp ftp pop3 imap irc nntp rtsp sip bittorrent mysql postgresql
redis mqtt smb rdp ldap jabber git rsync tls socks telnet vnc x11 whois"
n=0 protos=
for p in $cands; do
	[ $n -ge 19 ] && break
	if ns rtr2 iptables -t mangle -A L7 -m layer7 --l7proto $p 2>/dev/null; then
		n=$((n + 1))
		protos="$protos $p"
	fi
done
ns rtr2 iptables -t mangle -A L7 -m layer7 --l7proto http ||
	skip "no http definition in /etc/l7-protocols"
protos="$protos http"
[ $n -eq 19 ] || skip "only $n of 19 protocol definitions loaded"
# measure the module as it runs once the rules settle: the 20 patterns
# combined into one scan (kernel/l7k_set.c), a second after the last rule
l7_wait_combined 20 20 rtr2 || fail "the 20 patterns were not combined within 20 s"

# dest CONFIG BASEPORT: "address port" of CONFIG's path to a service
dest() {
	case $1 in
	none) echo "$srv $2";;
	ct) echo "$srv2 $(($2 + 1000))";;
	x20) echo "$srv2 $(($2 + 2000))";;
	str) echo "$srv2 $(($2 + 3000))";;
	l7) echo "$srv2 $2";;
	hit) echo "$srv2 $(($2 + 1))";;
	esac
}

st() { l7stat rtr2 "$1"; }

# Forget every connection of rtr2, and wait (bounded) until the module's
# GC has reclaimed their entries: the next run should not pay for it.
settle() {
	local i=0
	ns rtr2 conntrack -F >/dev/null 2>&1
	while [ "$(st tracked)" -gt 0 ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

median() {
	echo "$@" | tr ' ' '\n' | grep . | sort -n |
		awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }
# paired "A1 A2 ..." "B1 B2 ...": the median of the rounds' ratios Ai / Bi
paired() {
	median $(awk -v a="$1" -v b="$2" 'BEGIN {
		n = split(a, x, " "); split(b, y, " ")
		for (i = 1; i <= n; i++) if (y[i] > 0) printf "%.3f ", x[i] / y[i]
	}')
}
verdict() { # RATIO TARGET
	awk -v r="$1" -v t="$2" 'BEGIN { if (r + 0 >= t) print "met"; else printf "MISSED by %.1f%%\n", (t - r) * 100 }'
}

# run KIND CONFIG: one bench-tcp client (bulk, or rr with 2 processes)
# on CONFIG's path; sets $v to its figure (Mbit/s, connections/s).  Not
# a command substitution: that would lose fail().
run() {
	local port=5001 t=$bulk_secs o
	[ $1 = rr ] && port=5003 t=$rr_secs
	if [ $2 = hit ]; then
		o=$(ns cli bench-tcp $1 $(dest $2 $port) -s "$http_req" -t $t -c 2)
	else
		o=$(ns cli bench-tcp $1 $(dest $2 $port) -r $garbage -t $t -c 2)
	fi || fail "$1 ($2) failed: $o"
	v=$(echo "$o" | awk '{ print $4 + 0 }')
}

# order ROUND: the configurations, reversed in even rounds
order() { [ $(($1 % 2)) -eq 1 ] && echo none ct x20 str l7 hit || echo hit l7 str x20 ct none; }

# measure KIND: a warm-up round, then REPS rounds of each configuration
# into $KIND_CONFIG; KIND_check judges how many connections each run
# decided.
measure() {
	local c r d
	for c in none ct x20 str l7 hit; do
		run $1 $c
		settle
	done
	for c in none ct x20 str l7 hit; do eval "${1}_$c="; done
	for r in $(seq $reps); do
		for c in $(order $r); do
			d=$(st decided)
			run $1 $c
			eval "${1}_$c=\"\$${1}_$c $v\""
			d=$(($(st decided) - d))
			${1}_check $c $d
			echo "$1 round $r $c: $v (decided +$d)"
			settle
		done
	done
}

# ---- 1. bulk throughput -----------------------------------------------------
bulk_check() {
	case $1 in
	l7) [ $2 -eq 0 ] || fail "bulk garbage was classified: $(ns rtr2 grep '^proto' /proc/net/xt_layer7/stats)";;
	hit) [ $2 -eq 1 ] || fail "bulk http download decided $2 times";;
	esac
}
unk0=$(st unknown) http0=$(st "proto http")
measure bulk
# each bulk garbage connection gives up, each download is http
n=$((1 + reps))
v=$(($(st unknown) - unk0))
[ $v -eq $n ] || fail "$n bulk garbage connections, $v became unknown"
v=$(($(st "proto http") - http0))
[ $v -eq $n ] || fail "$n bulk http downloads, $v counted as http"

# ---- 2. short connections -----------------------------------------------------
rr_check() {
	case $1 in
	l7) [ $2 -eq 0 ] || fail "short garbage connections classified ($2)";;
	hit) [ $2 -gt 0 ] || fail "short http connections not classified";;
	esac
}
measure rr

# ---- 3. memory per idle connection ------------------------------------------
# HOLD connections each send one request and stay open; the module's own
# account (stats: memory, tracked) before and after.
mem_run() { # KIND REQUEST-OPTION...: bytes per connection in $v
	local kind=$1 m0 t0 n0 m1 t1 n1 pid i=0 prev=-1 f=/tmp/hold-$1.out
	shift
	settle
	m0=$(st memory) t0=$(st tracked) n0=$(st $kind)
	ns cli bench-tcp hold $srv2 5005 "$@" -c $hold -t 120 > $f 2>&1 &
	pid=$!
	while ! grep -q '^held' $f && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	grep -q '^held' $f || fail "$hold $kind connections did not open in ${i}00 ms: $(cat $f)"
	# the last requests may still be on their way through rtr2: wait
	# (bounded) until every connection reached its state, and the
	# account stopped moving
	i=0
	while [ $(($(st $kind) - n0)) -lt $hold ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	i=0
	while [ "$(st memory)" != "$prev" ] && [ $i -lt 20 ]; do
		prev=$(st memory)
		sleep 0.5
		i=$((i + 1))
	done
	m1=$(st memory) t1=$(st tracked) n1=$(st $kind)
	echo "memory $kind: tracked $t0 -> $t1, memory $m0 -> $m1, $kind $n0 -> $n1"
	kill $pid
	wait $pid 2>/dev/null
	[ $((t1 - t0)) -eq $hold ] || fail "$kind: $hold connections held, $((t1 - t0)) tracked"
	[ $((n1 - n0)) -eq $hold ] || fail "$kind: $hold connections held, $((n1 - n0)) $kind"
	v=$(awk -v m=$((m1 - m0)) -v t=$((t1 - t0)) 'BEGIN { if (t > 0) printf "%.0f", m / t; else print 0 }')
}

mem_run undecided -r $garbage
mem_und=$v
mem_run decided -s "$http_req"
mem_dec=$v
settle

for k in cap_hits nomem; do
	v=$(st $k)
	[ "$v" -eq 0 ] || fail "$k = $v: some connections went unclassified, figures are not comparable"
done

# ---- the table --------------------------------------------------------------
# row KIND LABEL CONFIG [TARGET]: median, ratio of medians to "none",
# the median of the rounds' own ratios to "none", the same to "x20" (the
# floor: the verdict's figure), the verdict, all runs.
row() {
	local runs m r= p= f= t=
	eval "runs=\$$1_$3"
	m=$(median $runs)
	if [ $3 != none ]; then
		eval "r=\$(ratio $m \$(median \$$1_none))"
		eval "p=\$(paired \"\$runs\" \"\$$1_none\")"
		eval "f=\$(paired \"\$runs\" \"\$$1_x20\")"
	fi
	[ -n "${4:-}" ] && t="floor >= $4: $(verdict $f $4)"
	printf '  %-32s %8s %6s %6s %6s  %-28s runs: %s\n' "$2" "$m" "$r" "$p" "$f" "$t" "$(echo $runs)"
}
header() { printf '  %-32s %8s %6s %6s %6s\n' "" "$1" "ratio" "paired" "floor"; }
{
	echo "xt_layer7 kernel benchmark: $(uname -r), $(nproc) vCPUs under qemu (see the vm-run line),"
	echo "cli -> router -> srv over veth, rules in the router's mangle POSTROUTING."
	echo "20 rules:$protos"
	echo "Medians of $reps interleaved runs; ratio: median over the median of (a);"
	echo "paired: median of each round's own ratio to (a), whose runs are at most"
	echo "three runs apart: the host's load drifts less within a round than across"
	echo "rounds; floor: the same to (a''), 20 rules of the cheapest match, which"
	echo "no 20 rules can beat: the targets are judged on it."
	echo
	echo "1. Bulk TCP throughput, Mbit/s ($bulk_secs s per run, one connection)"
	header Mbit/s
	row bulk "(a) no rules" none
	row bulk "(a') conntrack only" ct
	row bulk "(a'') 20 -m mark rules" x20
	row bulk "(a''') 20 -m string --algo bm" str
	row bulk "(b) 20 rules, none matches" l7 0.97
	row bulk "(c) 20 rules, http matches early" hit 0.97
	echo
	echo "2. Short connections per second (connect, ${garbage}-byte request, 200-byte reply, close;"
	echo "   2 clients in parallel, $rr_secs s per run)"
	header conn/s
	row rr "(a) no rules" none
	row rr "(a') conntrack only" ct
	row rr "(a'') 20 -m mark rules" x20
	row rr "(a''') 20 -m string --algo bm" str
	row rr "(b) 20 rules, none matches" l7 0.89
	row rr "(c) 20 rules, http matches" hit 0.89
	echo
	echo "3. Memory per idle connection, bytes (/proc/net/xt_layer7/stats: memory / tracked,"
	echo "   $hold connections held open after their first request, 20 rules)"
	printf '  %-44s %8s   %s\n' "" "ours" "original l7-filter"
	printf '  %-44s %8s   %s\n' "undecided (${garbage}-byte request, no match)" "$mem_und" \
		"2048 (maxdatalen buffer)"
	printf '  %-44s %8s   %s\n' "decided (http request)" "$mem_dec" \
		"2048 + name until the next packet, then name: 5 (\"http\")"
	echo "  ours: requested bytes incl. the table entry (no kernel patch); the original's"
	echo "  fields inside struct nf_conn and slab rounding are not counted on either side."
} > "$out"
cat "$out"
finish
