# Sourced by the guest's /init after the scenario, on a kernel with
# kmemleak (the debug kernel): take down what the scenario left, unload
# xt_layer7 so that whatever it did not free shows, and scan for leaks.
# Reports on the control port (ttyS1), for tests/vm/run:
#   kmemleak N FRAME   N unreferenced objects; FRAME, the first caller
#                      outside the allocators in the first one's backtrace
#   kmemleak-off WHY   the detector could not scan (it disabled itself)
# and the leaks' backtraces on the console.  Needs $ctl and $hb from /init
# and restarts the heartbeat that the teardown kills.
kml=/sys/kernel/debug/kmemleak

leakcheck_teardown() {
	local n t ipt
	# Whatever the scenario left running holds namespaces, sockets and
	# rules: every process but this one goes (the heartbeat too).
	kill -9 -1 2>/dev/null
	sleep 0.2
	(while :; do echo . > $ctl; /bin/busybox sleep 1; done) &
	hb=$!
	for n in $(/usr/sbin/ip netns list 2>/dev/null | cut -d' ' -f1); do
		/usr/sbin/ip netns del "$n" 2>/dev/null
	done
	grep -q '^xt_layer7 ' /proc/modules || return 0
	# Once unloaded, its frames in a leak's backtrace are bare addresses:
	# with this, xt_layer7.ko's own offsets (addr2line) name them.
	echo "vm-init: xt_layer7 .text at $(cat /sys/module/xt_layer7/sections/.text 2>/dev/null)"
	# The initial namespace's own rules, legacy and nft; only tables that
	# exist (flushing creates missing ones).
	for ipt in iptables ip6tables; do
		case $ipt in iptables) t=/proc/net/ip_tables_names;; *) t=/proc/net/ip6_tables_names;; esac
		for n in $(cat $t 2>/dev/null); do
			$ipt-legacy -t "$n" -F; $ipt-legacy -t "$n" -X
		done 2>/dev/null
		grep -q '^nf_tables ' /proc/modules || continue
		for n in filter mangle raw nat security; do
			$ipt-nft -t "$n" -F; $ipt-nft -t "$n" -X
		done 2>/dev/null
	done
	# Namespaces die in a work item: their rules release the module a
	# little later.
	n=0
	while ! rmmod xt_layer7 2>/dev/null; do
		n=$((n + 1))
		if [ $n -ge 60 ]; then
			echo "vm-init: xt_layer7 still in use after 30 s (refcount $(awk '$1 == "xt_layer7" { print $3 }' /proc/modules)); scanning with it loaded"
			return 0
		fi
		sleep 0.5
	done
	echo "vm-init: xt_layer7 unloaded"
}

# kmemleak reports an object that two scans in a row found unreferenced
# and unchanged, once it is 5 s old: two scans, the second at least 5 s
# after the teardown (under TCG the first scan alone takes longer).
leakcheck_scan() {
	local n frame t0
	t0=$(cut -d. -f1 /proc/uptime)
	if ! echo scan > $kml 2>/dev/null; then
		echo "kmemleak-off scan refused" > $ctl
		return
	fi
	while [ $(($(cut -d. -f1 /proc/uptime) - t0)) -lt 6 ]; do
		sleep 1
	done
	if ! echo scan > $kml 2>/dev/null; then
		echo "kmemleak-off scan refused" > $ctl
		return
	fi
	cat $kml > /tmp/kmemleak 2>/dev/null
	n=$(grep -c '^unreferenced object' /tmp/kmemleak)
	[ "$n" -gt 0 ] || return 0
	# Frames read "[<(____ptrval____)>] name+off/size" (hashed pointers).
	frame=$(sed -n 's/^ *\[<[^>]*>\] \([^ ]*\).*/\1/p' /tmp/kmemleak |
		grep -vE '^(__)?(km|kv|kz|vm|vz|kstr|krealloc|slab|alloc_pages|__alloc|__vmalloc|__get_free|kernel_init|do_one_initcall|kthread|ret_from_fork)' |
		head -n1)
	echo "vm-init: kmemleak: $n unreferenced object(s):"
	head -n 400 /tmp/kmemleak
	echo "kmemleak $n ${frame:-?}" > $ctl
}

if [ -w $kml ]; then
	leakcheck_teardown
	leakcheck_scan
fi
