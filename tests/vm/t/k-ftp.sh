# A passive FTP data connection is classified as ftp: with the ftp helper
# assigned (-j CT --helper ftp), the data connection is a conntrack child
# of the control connection and takes the verdict of its root master.
# IPv4 (PASV) and IPv6 (EPSV).
. /usr/local/lib/vmtest.sh
topo_router
P=/tmp/pats
mkdir -p $P
printf 'ftp\n^220[\\x09-\\x0d -~]*ftp\n' > $P/ftp.pat
L7="-m layer7 --l7dir $P"

for ipt in iptables ip6tables; do
	ns rtr $ipt -t raw -A PREROUTING -p tcp --dport 21 -j CT --helper ftp ||
		fail "$ipt: CT --helper ftp"
	# the data connection: packets of a connection whose master has the
	# ftp helper
	ns rtr $ipt -t mangle -N DATA
	ns rtr $ipt -t mangle -A POSTROUTING -m helper --helper ftp -j DATA
	ns rtr $ipt -t mangle -A DATA $L7 --l7proto ftp
	ns rtr $ipt -t mangle -A DATA $L7 ! --l7proto ftp
	ns rtr $ipt -t mangle -A DATA
	# the control connection
	ns rtr $ipt -t mangle -A POSTROUTING -p tcp -m multiport --ports 21 $L7 --l7proto ftp
done

mkdir -p /tmp/ftp
head -c 300000 /dev/urandom > /tmp/ftp/file
ns srv e2e-ftpd 21 /tmp/ftp -6 &
wait_port srv 21

check "passive download over IPv4" ns cli ftpget -P 21 10.0.2.2 /tmp/f4 file
expect_eq "downloaded size" 300000 "$(stat -c %s /tmp/f4 2>/dev/null)"
sleep 0.3
set -- $(ns rtr iptables -t mangle -L DATA -v -n -x | awk 'NR > 2 { printf "%s ", $1 }')
[ "${3:-0}" -gt 10 ] && ok "data connection seen ($3 packets)" || fail "data connection not seen: $*"
expect_eq "every data packet is ftp" "$3" "$1"
expect_eq "no data packet is !ftp" 0 "$2"
ns rtr cat /proc/net/xt_layer7/connections
ns rtr grep -q ' 10.0.2.2:21 ftp packets=[0-9]* buffered=0 mem=[0-9]*$' /proc/net/xt_layer7/connections &&
	ok "control connection decided ftp" || fail "control connection not listed as ftp"
ns rtr grep -q ' ftp packets=.* child$' /proc/net/xt_layer7/connections &&
	ok "data connection listed as a child with the master's verdict" ||
	fail "no child connection with verdict ftp"

check "passive download over IPv6" ns cli ftpget -P 21 fd02::2 /tmp/f6 file
expect_eq "downloaded size (IPv6)" 300000 "$(stat -c %s /tmp/f6 2>/dev/null)"
sleep 0.3
set -- $(ns rtr ip6tables -t mangle -L DATA -v -n -x | awk 'NR > 2 { printf "%s ", $1 }')
[ "${3:-0}" -gt 10 ] && ok "IPv6 data connection seen ($3 packets)" || fail "IPv6 data connection not seen: $*"
expect_eq "every IPv6 data packet is ftp" "$3" "$1"
finish
