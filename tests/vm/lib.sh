# Shared helpers for the VM scenarios (tests/vm/t/*.sh), installed in the
# guest as /usr/local/lib/vmtest.sh:   . /usr/local/lib/vmtest.sh
#
# Style of the kernel's net/netfilter selftests: one "FAIL: ..." line per
# problem, a closing "PASS: ..." line, exit 4 to skip.

# busybox ash runs its own applets first: iproute2 only by full path.
IP=/usr/sbin/ip
TC=/usr/sbin/tc
vm_nfail=0
vm_name=${0##*/}

# A scenario's knobs come as NAME=VALUE arguments (tests/vm/run SCRIPT
# FLOOD_COUNT=100000): the host's environment does not reach the guest.
for vm_arg in "$@"; do
	case ${vm_arg%%=*} in
	*[!A-Z0-9_]*|'') ;;
	*) [ "$vm_arg" != "${vm_arg%%=*}" ] && export "$vm_arg";;
	esac
done

# Verdicts go to fd 3, a copy of the scenario's stdout, so that
# `check ... >/dev/null` silences the command, not the verdict.
exec 3>&1
fail() { echo "FAIL: $*" >&3; vm_nfail=$((vm_nfail + 1)); }
ok() { echo "ok: $*" >&3; }
skip() { echo "SKIP: $*" >&3; exit 4; }

# check DESCRIPTION COMMAND...: run COMMAND, report a failure if it fails.
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1 ($3)"; else fail "$1: expected '$2', got '$3'"; fi
}

finish() {
	if [ $vm_nfail -eq 0 ]; then
		echo "PASS: $vm_name"
		exit 0
	fi
	echo "$vm_name: $vm_nfail problem(s)"
	exit 1
}

# ns NAME CMD...: run CMD in network namespace NAME.
ns() {
	local n=$1
	shift
	$IP netns exec "$n" "$@"
}

# A client, a router and a server, the classic place of l7-filter:
#   cli 10.0.1.2 fd01::2 -- rtr 10.0.1.1 fd01::1 | 10.0.2.1 fd02::1 -- srv 10.0.2.2 fd02::2
# The router forwards; rules go there (mangle POSTROUTING sees both
# directions).  Interfaces: cli/eth0, rtr/lan (to cli), rtr/wan (to srv),
# srv/eth0.
topo_router() {
	local n fwd
	# Few processes: each exec costs a lot under TCG.
	for n in cli rtr srv; do
		$IP netns add $n
		# No duplicate address detection: addresses usable at once.
		fwd=
		[ $n = rtr ] && fwd="net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1"
		ns $n sysctl -qw net.ipv6.conf.default.accept_dad=0 \
			net.ipv6.conf.all.accept_dad=0 $fwd
	done
	$IP link add lan netns rtr type veth peer name eth0 netns cli
	$IP link add wan netns rtr type veth peer name eth0 netns srv
	# The router's ends first: a veth has carrier once both ends are up,
	# and IPv6 wants carrier before it routes through a gateway.
	$IP -n rtr -batch - <<-B
		link set lo up
		addr add 10.0.1.1/24 dev lan
		addr add fd01::1/64 dev lan nodad
		addr add 10.0.2.1/24 dev wan
		addr add fd02::1/64 dev wan nodad
		link set lan up
		link set wan up
	B
	topo_end cli 1
	topo_end srv 2
}

# topo_end NS N: the end host on subnet N (10.0.N.2, fd0N::2), routed
# through the router's 10.0.N.1 / fd0N::1.
topo_end() {
	$IP -n $1 -batch - <<-B
		link set lo up
		addr add 10.0.$2.2/24 dev eth0
		addr add fd0$2::2/64 dev eth0 nodad
		link set eth0 up
		route add default via 10.0.$2.1
		route add ::/0 via fd0$2::1
	B
}

# reach NS ADDR: ping ADDR from NS, allowing a few seconds for neighbour
# discovery.
reach() {
	local i=0 p=ping
	case $2 in *:*) p=ping6;; esac
	while [ $i -lt 5 ]; do
		ns "$1" $p -c1 -W1 "$2" >/dev/null 2>&1 && return 0
		i=$((i + 1))
	done
	return 1
}

# wait_port NS PORT [udp]: wait until something listens on TCP (or UDP)
# PORT in NS: a datagram sent before its server bound gets "connection
# refused".
wait_port() {
	local i=0 opt=-ltn
	[ "${3:-tcp}" = udp ] && opt=-lun
	while [ $i -lt 150 ]; do
		ns "$1" netstat $opt 2>/dev/null | grep -q ":$2 " && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "nothing listens on ${3:-tcp} port $2 in $1" >&2
	return 1
}

# pkts NS TABLE CHAIN RULENUM [iptables command]: packet counter of a rule.
pkts() {
	ns "$1" "${5:-iptables}" -t "$2" -L "$3" "$4" -v -n -x 2>/dev/null |
		awk 'NR == 1 { print $1 }'
}

# l7_chain PORT RULE...: a chain L7_PORT in the router's mangle
# POSTROUTING (topo_router), reached by TCP and UDP port PORT in both
# directions, with one counting rule per argument, split on blanks (an
# empty argument counts every packet).
l7_chain() {
	local port=$1 r
	shift
	ns rtr iptables -t mangle -N L7_$port
	ns rtr iptables -t mangle -A POSTROUTING -p tcp -m multiport --ports $port -j L7_$port
	ns rtr iptables -t mangle -A POSTROUTING -p udp -m multiport --ports $port -j L7_$port
	for r in "$@"; do
		ns rtr iptables -t mangle -A L7_$port $r || fail "rule '$r' refused"
	done
}

# l7_counters PORT: the packet counters of L7_PORT's rules, one line, read
# at once after the connection's last packets passed.
l7_counters() {
	sleep 0.3
	ns rtr iptables -t mangle -L L7_$1 -v -n -x | awk 'NR > 2 { printf "%s ", $1 }'
}

# l7_test_patterns DIR: the scenarios' own pattern files, simple on
# purpose so that they test the module, not the protocols/ definitions.
l7_test_patterns() {
	mkdir -p "$1"
	cat > "$1/http.pat" <<'P'
# HTTP request line (RFC 9112 3)
http
^(get|post|head) /[\x09-\x0d -~]* http/1\.[01]
P
	cat > "$1/ftp.pat" <<'P'
# FTP server greeting (RFC 959 4.2)
ftp
^220[\x09-\x0d -~]*ftp
P
	cat > "$1/ssh.pat" <<'P'
# SSH identification string (RFC 4253 4.2)
ssh
^ssh-[12]\.[0-9]
P
	cat > "$1/dns.pat" <<'P'
# DNS standard query, one question (RFC 1035 4.1.1); NULs are dropped
# before matching, so the header's zero bytes are not in the subject.
dns
^.?.?\x01\x01[\x01-\x3f][a-z0-9-]+
P
	# The pseudo protocols have files too, as in the 2009 package.
	printf '# undecided connections\nunset\n.\n' > "$1/unset.pat"
	printf '# connections given up on\nunknown\n.\n' > "$1/unknown.pat"
}

# start_servers NS [DIR]: HTTP (80, busybox httpd serving DIR, default
# /tmp/www with blob = 200 kB), FTP (21, the same files), SSH banner (22),
# DNS (53/udp), a sink for garbage (9000) and a bulk source (9001, 2 MB);
# all dual-stack.
start_servers() {
	local d=${2:-/tmp/www}
	mkdir -p "$d"
	[ -f "$d/blob" ] || head -c 200000 /dev/urandom > "$d/blob"
	ns "$1" httpd -p 80 -h "$d"
	ns "$1" e2e-ftpd 21 "$d" -6 &
	ns "$1" e2e-tcp -l 22 -6 -b 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n' &
	ns "$1" e2e-udp -l 53 -6 &
	ns "$1" e2e-tcp -l 9000 -6 &
	ns "$1" e2e-tcp -l 9001 -6 -n 2000000 &
	wait_port "$1" 80 && wait_port "$1" 21 && wait_port "$1" 22 &&
		wait_port "$1" 9000 && wait_port "$1" 9001 && wait_port "$1" 53 udp
}

# One connection of each kind from NS to ADDR; each returns the client's
# status.
flow_http() { ns "$1" wget -q -O /dev/null "http://$(urlhost "$2")/blob"; }
flow_ftp() { ns "$1" ftpget -u anonymous -p e2e "$2" /tmp/ftp.got blob; }
flow_ssh() { ns "$1" e2e-tcp "$2" 22 -s 'SSH-2.0-e2e_client\r\n' -e 'SSH-2.0-' -w 5 >/dev/null; }
flow_dns() { ns "$1" e2e-udp "$2" 53 -d www.example.com >/dev/null; }
flow_garbage() { ns "$1" e2e-tcp "$2" 9000 -r 300 -p 15 >/dev/null; }
urlhost() { case $1 in *:*) echo "[$1]";; *) echo "$1";; esac; }

# l7count NS PROTO [SAVECMD [TABLE]]: packets counted by the counting
# rules (no -j) matching --l7proto PROTO, summed, from iptables-save -c;
# l7bytes: bytes.
l7count() { l7_counter 1 "$@"; }
l7bytes() { l7_counter 2 "$@"; }
l7_counter() {
	ns "$2" "${4:-iptables-save}" -c -t "${5:-mangle}" 2>/dev/null |
		awk -v f="$1" -v p="$3" '$0 ~ "--l7proto " p "( |$)" && !/! --l7proto/ && !/ -j / {
			c = $1; gsub(/[^0-9:]/, "", c); split(c, a, ":"); n += a[f] }
		END { print n + 0 }'
}

# l7stat NS KEY: a line of /proc/net/xt_layer7/stats ("proto http" or
# "decided"); 0 when absent.
l7stat() {
	ns "$1" cat /proc/net/xt_layer7/stats 2>/dev/null |
		awk -v k="$2" 'substr($0, 1, length(k) + 1) == k " " { v = $NF } END { print v + 0 }'
}

# l7_released NS: after `conntrack -F` in NS, the module gives back every
# entry, undecided count and byte within 20 s (its GC takes a few
# seconds to sweep the table); an ok or FAIL line for each.
l7_released() {
	local i=0
	ns "$1" conntrack -F >/dev/null 2>&1
	while [ $i -lt 100 ] && [ "$(l7stat "$1" tracked)" != 0 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	expect_eq "no entry left after conntrack -F" 0 "$(l7stat "$1" tracked)"
	expect_eq "no undecided connection counted after conntrack -F" 0 "$(l7stat "$1" undecided)"
	expect_eq "no memory accounted after conntrack -F" 0 "$(l7stat "$1" memory)"
}

# l7_wait_combined N SECONDS [NS]: wait until the stats of NS (default:
# the namespace the scenario runs in) show N patterns combined into one
# scan (kernel/l7k_set.c does it once the rules stay unchanged a second);
# false if SECONDS pass first.
l7_wait_combined() {
	local i=0 run=
	[ -n "$3" ] && run="ns $3"
	while [ $i -lt $(($2 * 5)) ]; do
		[ "$($run awk '$1 == "combined_patterns" { print $2 }' /proc/net/xt_layer7/stats)" = "$1" ] && return 0
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}

# l7_packets L4 DEST: "packets=" of rtr's connection with protocol number
# L4 and original destination DEST ("addr:port", IPv6 "[addr]:port") in
# /proc/net/xt_layer7/connections: the packets xt_layer7 counted.
l7_packets() {
	ns rtr awk -v p="$1" -v d="$2" '$2 == p && $4 == d {
		for (i = 5; i <= NF; i++) if ($i ~ /^packets=/) print substr($i, 9)
	}' /proc/net/xt_layer7/connections
}

# ---- tenants: root only in their own namespaces ----------------------------

# now_ms: milliseconds since boot, for durations of a scenario's steps.
now_ms() { awk '{ printf "%.0f\n", $1 * 1000 }' /proc/uptime; }

# cg_setup: cgroup v2 at /sys/fs/cgroup, memory and cpu controllers
# handed to its children.
cg_setup() {
	grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts ||
		mount -t cgroup2 none /sys/fs/cgroup || return 1
	echo "+memory +cpu" > /sys/fs/cgroup/cgroup.subtree_control
}

# tenant_prepare: what a tenant cannot load itself (module autoload needs
# the initial namespace's root): the tables, matches and xt_layer7.
tenant_prepare() {
	modprobe -a iptable_filter iptable_mangle iptable_raw xt_tcpudp \
		xt_multiport xt_layer7 nf_conntrack nf_tables nft_compat \
		nft_chain_nat 2>/dev/null
	iptables -L -n >/dev/null
}

# tenant CGROUP SCRIPT [ARGS...]: run SCRIPT with sh as a tenant would:
# an unprivileged user (nobody) in cgroup CGROUP (a directory under
# /sys/fs/cgroup, "" for none) who made itself root of new user, network
# and mount namespaces with `unshare -rnm`, and nothing more.  SCRIPT gets
# its own /run (iptables' lock file) and its loopback up; ARGS must not
# contain blanks.
tenant() {
	local cg=$1
	shift
	[ -f /tmp/.tenant-init ] || {
		printf '%s\n' 'mount -t tmpfs tmpfs /run && /usr/sbin/ip link set lo up || exit 1' \
			'exec sh "$@"' > /tmp/.tenant-init
		chmod 644 /tmp/.tenant-init
	}
	chmod 644 "$1"
	sh -c '[ -z "$1" ] || echo $$ > "/sys/fs/cgroup/$1/cgroup.procs" || exit 1
		shift
		exec su -s /bin/sh nobody -c "exec unshare -rnm sh /tmp/.tenant-init $*"' \
		tenant "$cg" "$@"
}

# l7_hostile_patterns DIR: the worst patterns we know, 64 of each shape,
# 8191 bytes each (the longest a pattern line may be) and all different,
# so each is compiled and scanned on its own.  None gets a DFA:
#   haN  [ab]*a[ab]...[ab]c (2045 - N times [ab]): on a's and b's the NFA
#        keeps a thread per [ab] it has passed, up to 2045 at once;
#   hbN  (||...|)[ab]*a[ab]...[ab]c (8000 - N bars, 14 times [ab]): every
#        byte's closure walks the 8000 empty alternatives again.
# The final c keeps them from ever matching a stream of a's and b's.
l7_hostile_patterns() {
	mkdir -p "$1"
	awk -v d="$1" 'BEGIN {
		for (k = 0; k < 64; k++) {
			s = "[ab]*a"
			for (i = 0; i < 2045 - k; i++) s = s "[ab]"
			f = d "/ha" k ".pat"
			print "# no DFA: a thread per position\nha" k "\n" s "c" > f
			close(f)
			s = "("
			for (i = 0; i < 8000 - k; i++) s = s "|"
			s = s ")[ab]*a"
			for (i = 0; i < 14; i++) s = s "[ab]"
			f = d "/hb" k ".pat"
			print "# no DFA: long closures\nhb" k "\n" s "c" > f
			close(f)
		}
	}'
	chmod -R a+rX "$1"
}

# l7qos_foreign: what the router (topo_router) has of its own, and
# l7-qos must leave alone: MSS clamping (IPv4 and IPv6) and a mark in
# mangle, fq_codel as lan's root qdisc.
l7qos_foreign() {
	ns rtr iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
	ns rtr ip6tables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
	ns rtr iptables -t mangle -A POSTROUTING -o lan -j MARK --set-mark 0x1/0x1
	ns rtr $TC qdisc add dev lan root fq_codel
}

# l7qos_state: the router's state l7-qos may change, shaping wan (IFB
# l7q-wan): rules of both iptables flavours and families, qdiscs,
# classes, filters, devices; without counters, ifindexes and fq_codel's
# flows of the moment.  One shell, few processes (TCG is slow at exec).
l7qos_state() {
	ns rtr sh -c "
		for c in iptables-legacy-save ip6tables-legacy-save iptables-nft-save ip6tables-nft-save; do
			\$c 2>/dev/null | sed -e '/^#/d' -e 's/\\[[0-9]*:[0-9]*\\]//'
		done
		$TC qdisc show
		for d in wan l7q-wan; do
			$TC class show dev \$d 2>/dev/null | grep -v '^class fq_codel'
			$TC filter show dev \$d 2>/dev/null
			$TC filter show dev \$d ingress 2>/dev/null
		done
		$IP -o link show | cut -d' ' -f2"
}

# same_state DESCRIPTION BEFORE AFTER: two saved states are equal; their
# diff when not.
same_state() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		fail "$1: the state differs:"
		diff "$2" "$3"
	fi
}

# l7qos_again_and_clear CONFIG APPLIED BEFORE: applying CONFIG once more
# keeps the state saved in APPLIED, --clear brings back BEFORE's.
l7qos_again_and_clear() {
	ns rtr l7-qos "$1" || fail "l7-qos failed when applied again"
	l7qos_state > /tmp/l7qos.again
	same_state "applied twice: the same state" "$2" /tmp/l7qos.again
	ns rtr l7-qos --clear "$1" || fail "--clear failed"
	l7qos_state > /tmp/l7qos.cleared
	same_state "--clear: iptables and tc as before" "$3" /tmp/l7qos.cleared
}
