# The distinct patterns of a namespace's rules are scanned together
# (kernel/l7k_set.c): stats shows how many are combined; the first
# matching rule still decides; a connection still undecided when the
# rules change is scanned again from its first byte by the new
# combination; patterns past the 64 one scan takes, and the pseudo
# protocols, are evaluated on their own; no rule left, no combination.
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
i=0
while [ $i -lt 70 ]; do
	n=$(printf %02d $i)
	printf 'p%s\ntok%s;\n' $n $n > $P/p$n.pat
	i=$((i + 1))
done
printf 'unset\n.\n' > $P/unset.pat
printf 'unknown\n.\n' > $P/unknown.pat
L7="-m layer7 --l7dir $P --l7proto"
S=10.0.2.2
check "module loads" modprobe xt_layer7

# combined N: wait (bounded) until rtr's stats show N patterns combined
combined() { l7_wait_combined "$1" 20 rtr; }
# decision PORT: what /proc/net/xt_layer7/connections says of it
decision() {
	ns rtr awk -v d="$S:$1" '$2 == 6 && $4 == d { print $5 }' /proc/net/xt_layer7/connections
}

# --- a few rules: the first match decides ------------------------------------
l7_chain 8401 "$L7 p01" "$L7 p02" "$L7 p03" "$L7 unset" "$L7 unknown"
check "three patterns combined (unset and unknown scan nothing)" combined 3
ns srv l7conv -l 8401 r s:tok03\;tok02\; r &
wait_port srv 8401
check "conversation" ns cli l7conv -c $S 8401 s:hello r s:bye
sleep 0.5
expect_eq "decided by the first rule whose pattern matches" p02 "$(decision 8401)"
set -- $(l7_counters 8401)
[ "$1" = 0 ] || fail "p01 matched: $1 packets"
[ "$2" -ge 2 ] || fail "p02 counted only $2 packets"
[ "$3" = 0 ] || fail "p03 matched a connection p02 decided: $3 packets"
ok "counters p01 p02 p03: $1 $2 $3"

# --- rules change while a connection is undecided ----------------------------
# The connection's bytes so far were scanned by the old combination; the
# new one, which has p04, must see them too.
l7_chain 8402 "$L7 p05"
check "p05 joins the combination" combined 4
ns srv l7conv -l 8402 r r &
wait_port srv 8402
ns cli l7conv -c $S 8402 s:tok0 w:8000 s:4\; w:500 &
clipid=$!
sleep 0.5
ns rtr iptables -t mangle -A L7_8402 $L7 p04
check "p04 joins the combination" combined 5
kill -0 $clipid 2>/dev/null ||
	fail "the combination came after the connection's last bytes: nothing tested"
wait $clipid || fail "conversation across the change"
sleep 0.5
expect_eq "bytes before the change count for the new combination" p04 "$(decision 8402)"

# --- more patterns than one scan takes ---------------------------------------
rules=
i=10
while [ $i -lt 70 ]; do
	rules="$rules p$(printf %02d $i)"
	i=$((i + 1))
done
ns rtr iptables -t mangle -N L7_8403
ns rtr iptables -t mangle -A POSTROUTING -p tcp -m multiport --ports 8403,8404 -j L7_8403
for r in $rules; do
	ns rtr iptables -t mangle -A L7_8403 $L7 $r || fail "rule $r refused"
done
check "64 patterns combined, no more" combined 64
# p68 is past the 64: scanned on its own; p12 inside the combination
for t in 68:8403 12:8404; do
	port=${t#*:}
	t=${t%:*}
	ns srv l7conv -l $port r s:ok &
	wait_port srv $port
	check "conversation tok$t" ns cli l7conv -c $S $port s:tok$t\; r
	sleep 0.5
	expect_eq "tok$t decides p$t" p$t "$(decision $port)"
done

# --- no rule left ------------------------------------------------------------
ns rtr iptables -t mangle -F
ns rtr iptables -t mangle -X
check "no rules, nothing combined" combined 0
finish
