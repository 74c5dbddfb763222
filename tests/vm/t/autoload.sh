# `iptables -m layer7` loads xt_layer7 by its alias (ipt_layer7 /
# ip6t_layer7) through the guest's /sbin/modprobe; nothing is loaded by
# hand.
. /usr/local/lib/vmtest.sh
ko=$(find /lib/modules/$(uname -r)/extra -name 'xt_layer7.ko*' 2>/dev/null)
[ -n "$ko" ] || fail "no xt_layer7.ko in the guest for $(uname -r) (make kmod)"
grep -q '^xt_layer7 ' /proc/modules && fail "xt_layer7 loaded before any rule"

mkdir -p /tmp/l7
printf '# test\nsshtest\n^ssh-[12]\\.[0-9]\n' > /tmp/l7/sshtest.pat
check "iptables -m layer7 rule accepted" \
	iptables -A FORWARD -m layer7 --l7proto sshtest --l7dir /tmp/l7 -j ACCEPT
check "xt_layer7 autoloaded for IPv4" grep -q '^xt_layer7 ' /proc/modules
check "ip6tables -m layer7 rule accepted" \
	ip6tables -A FORWARD -m layer7 --l7proto sshtest --l7dir /tmp/l7 -j ACCEPT
check "rule listed" sh -c "iptables -S FORWARD | grep -q -- '--l7proto sshtest'"
iptables -F FORWARD
ip6tables -F FORWARD
check "xt_layer7 unloads once unused" rmmod xt_layer7
finish
