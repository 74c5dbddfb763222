# Accounting, the classic l7-filter use: counting rules (no target) for
# several protocols in the router's mangle POSTROUTING, which sees both
# directions.  One connection per protocol; each counter moves for its
# protocol only.  FTP's passive data connection, given the ftp helper,
# counts as ftp (it takes its master's verdict).
. /usr/local/lib/vmtest.sh
topo_router
l7_test_patterns /tmp/l7
start_servers srv || fail "servers did not start"

protos="http ftp ssh dns unknown"
ns rtr iptables -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp
for p in $protos; do
	ns rtr iptables -t mangle -A POSTROUTING -m layer7 --l7proto $p --l7dir /tmp/l7 ||
		fail "rule for $p refused"
done

# One iptables-save per snapshot: "http=N ftp=N ...".
snapshot() {
	ns rtr iptables-save -c -t mangle | awk -v protos="$protos" '
		/-m layer7 --l7proto / && !/ -j / {
			for (i = 1; i < NF; i++) if ($i == "--l7proto") p = $(i + 1)
			c = $1; gsub(/[^0-9:]/, "", c); split(c, a, ":"); n[p] += a[1]
		}
		END { k = split(protos, ps, " ")
			for (i = 1; i <= k; i++) printf "%s=%d ", ps[i], n[ps[i]] }'
}

# flow NAME PROTO: run flow_NAME, then require that PROTO's counter moved
# and no other did.
flow() {
	local before after p b a moved=
	before=$(snapshot)
	if ! flow_$1 cli 10.0.2.2; then
		fail "$1 connection failed"
		return
	fi
	after=$(snapshot)
	for p in $protos; do
		b=$(echo "$before" | tr ' ' '\n' | sed -n "s/^$p=//p")
		a=$(echo "$after" | tr ' ' '\n' | sed -n "s/^$p=//p")
		if [ "$p" = "$2" ]; then
			[ "$a" -gt "$b" ] && moved=1
		elif [ "$a" != "$b" ]; then
			fail "$1 connection moved the $p counter ($b -> $a)"
		fi
	done
	[ -n "$moved" ] && ok "$1 counted as $2 ($after)" || fail "$1 not counted as $2 ($after)"
}

flow http http
flow ftp ftp
flow ssh ssh
flow dns dns
flow garbage unknown

check "FTP file arrived intact" cmp -s /tmp/www/blob /tmp/ftp.got
# Only the data connection carries the 200 kB file.
n=$(l7bytes rtr ftp)
[ "$n" -gt 200000 ] && ok "FTP data connection counted as ftp ($n bytes)" ||
	fail "FTP data connection not counted as ftp ($n bytes)"

for p in http ssh dns; do
	expect_eq "stats: $p connections" 1 "$(l7stat rtr "proto $p")"
done
v=$(l7stat rtr "proto ftp")
[ "$v" -ge 1 ] && ok "stats: ftp connections ($v)" || fail "stats: no ftp connection"
v=$(l7stat rtr unknown)
[ "$v" -ge 1 ] && ok "stats: unknown connections ($v)" || fail "stats: no unknown connection"
ns rtr cat /proc/net/xt_layer7/stats
finish
