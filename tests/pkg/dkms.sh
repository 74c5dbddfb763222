#!/bin/bash
# check-dkms: dkms.conf builds xt_layer7.ko for Debian 12's kernels, and
# the module DKMS built is the one a VM boots and uses.
#
#   tests/pkg/dkms.sh TOP VM_KVER OTHER_KVER...
#
# `make dkms-install` and `make dkms-uninstall` run with a private DKMS
# tree, source tree and install tree (DKMS_FLAGS) and a throw-away
# signing key, so /var/lib/dkms, /usr/src and /lib/modules stay as they
# were: the test compares them before and after.  dkms install needs
# root: without it the suite skips.
set -uo pipefail
top=$1 vmk=$2
shift 2
kvers="$vmk $*"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
summary() { echo "$pass passed, $fail failed${1:+, $1 skipped}"; [ $fail -eq 0 ]; }

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: check-dkms needs root (dkms install); run it as root"
	summary 1; exit
fi
command -v dkms >/dev/null || { bad "dkms is not installed (make deps)"; summary; exit; }
for k in $kvers; do
	[ -f "/lib/modules/$k/build/Makefile" ] || { bad "no headers for $k (make deps)"; summary; exit; }
done

t=$(mktemp -d "${TMPDIR:-/tmp}/check-dkms.XXXXXX")
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/tree" "$t/src"
# dkms installs only into a kernel's existing directory.
for k in $kvers; do mkdir -p "$t/inst/$k"; done
flags="--dkmstree $t/tree --sourcetree $t/src --installtree $t/inst --no-depmod"
# dkms signs what it builds; with no key given it would create
# /var/lib/dkms/mok.key.  It takes these from the environment.
export mok_signing_key=$t/mok.key mok_certificate=$t/mok.pub

# What the machine has before, to compare with afterwards.
state() {
	{
		find /var/lib/dkms /usr/src -maxdepth 2 2>/dev/null
		find /lib/modules -name 'xt_layer7.ko*' 2>/dev/null
		md5sum /lib/modules/*/modules.dep 2>/dev/null
	} | sort
}
state > "$t/before"

ver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
start=$SECONDS
if make -s -C "$top" dkms-install DKMS_KVERS="$kvers" DKMS_SOURCE_TREE="$t/src" \
		DKMS_FLAGS="$flags" > "$t/install.log" 2>&1; then
	ok
else
	bad "make dkms-install failed: $(grep -m1 -iE 'error|failed' "$t/install.log")"
	cat "$t/install.log"
	find "$t/tree" -name make.log -exec tail -n 20 {} \;
fi
echo "# dkms-install for $kvers: $((SECONDS - start)) s"
cat "$t/install.log"

# Built and installed for each kernel, for that kernel.
for k in $kvers; do
	status=$(dkms status -m xt-layer7 -v "$ver" -k "$k" $flags 2>&1)
	case $status in *": installed"*) ok;; *) bad "dkms status for $k: $status";; esac
	built=$(find "$t/tree/xt-layer7/$ver/$k" -name 'xt_layer7.ko*' 2>/dev/null | head -n1)
	inst=$(find "$t/inst/$k" -name 'xt_layer7.ko*' 2>/dev/null | head -n1)
	if [ -n "$built" ] && [ -n "$inst" ]; then ok
	else bad "$k: built '${built}', installed '${inst}'"; continue; fi
	vm=$(modinfo -F vermagic "$built" | cut -d' ' -f1)
	[ "$vm" = "$k" ] && ok || bad "$built: vermagic $vm, want $k"
done

# The VM boots VM_KVER with DKMS's module.
ko=$(find "$t/tree/xt-layer7/$ver/$vmk" -name 'xt_layer7.ko' | head -n1)
if [ -n "$ko" ]; then
	md5=$(md5sum < "$ko" | cut -d' ' -f1)
	id=$(readelf -n "$ko" | awk '/Build ID:/ { print $3 }')
	VM_KO=$ko "$top/tests/vm/run" --kernel "$vmk" --timeout 200 \
		"$top/tests/pkg/vm-dkms.sh" "$md5" "$id" > "$t/vm.log" 2>&1
	rc=$?
	sed 's/^/  | /' "$t/vm.log"
	[ $rc -eq 0 ] && ok || bad "VM scenario with DKMS's module for $vmk: $(tail -n1 "$t/vm.log")"
else
	bad "no uncompressed xt_layer7.ko built for $vmk"
fi

if make -s -C "$top" dkms-uninstall DKMS_SOURCE_TREE="$t/src" DKMS_FLAGS="$flags" \
		> "$t/uninstall.log" 2>&1; then
	ok
else
	bad "make dkms-uninstall failed"; cat "$t/uninstall.log"
fi
left=$(find "$t/tree" "$t/src" "$t/inst" -mindepth 1 -name 'xt*layer7*' 2>/dev/null)
[ -z "$left" ] && ok || bad "left after dkms-uninstall: $(echo $left)"

state > "$t/after"
if cmp -s "$t/before" "$t/after"; then ok
else bad "the machine changed:"; diff "$t/before" "$t/after"; fi
summary
