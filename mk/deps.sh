#!/bin/sh
# Install what the build and the tests need, and fetch the boot kernel.
#
#   mk/deps.sh KVER [CACHE]      (default: $L7_CACHE, else /var/cache/xt-layer7)
#
# Debian packages: mk/deps.list plus linux-headers-KVER; only missing ones
# are installed, and `apt-get update` runs only when an install failed
# (stale lists on a fresh machine).  The kernel the VM boots is
# linux-image-KVER-unsigned, fetched with `apt-get download` into
# CACHE/debs and unpacked into CACHE/kernel/KVER: never into /boot, never
# installed.
set -eu
kver=$1
cache=${2:-${L7_CACHE:-/var/cache/xt-layer7}}
top=$(cd "$(dirname "$0")/.." && pwd)

say() { echo "deps: $*"; }

installed() {
	[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_install() {
	say "installing: $*"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$@"; then
		say "install failed; refreshing package lists and retrying"
		apt-get update -q
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$@"
	fi
}

missing=
for p in $(sed -e 's/#.*//' "$top/mk/deps.list") "linux-headers-$kver"; do
	installed "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ "$(id -u)" -eq 0 ] || { say "missing:$missing (run as root)"; exit 1; }
	# shellcheck disable=SC2086
	apt_install $missing
fi

# The boot kernel.
kdir=$cache/kernel/$kver
if [ ! -f "$kdir/vmlinuz" ] || [ ! -d "$kdir/root/lib/modules/$kver" ]; then
	mkdir -p "$cache/debs"
	deb=$(ls "$cache/debs/linux-image-$kver-unsigned_"*.deb 2>/dev/null | tail -n1 || true)
	if [ -z "$deb" ]; then
		say "downloading linux-image-$kver-unsigned into $cache/debs"
		# apt-get download writes into the current directory.
		if ! (cd "$cache/debs" && apt-get download -q "linux-image-$kver-unsigned"); then
			apt-get update -q
			(cd "$cache/debs" && apt-get download -q "linux-image-$kver-unsigned")
		fi
		deb=$(ls "$cache/debs/linux-image-$kver-unsigned_"*.deb | tail -n1)
	fi
	say "unpacking $(basename "$deb") into $kdir"
	rm -rf "$kdir"
	mkdir -p "$kdir"
	dpkg-deb -x "$deb" "$kdir/root"
	# The package leaves modules.dep to its postinst.
	depmod -b "$kdir/root" "$kver"
	cp "$kdir/root/boot/vmlinuz-$kver" "$kdir/vmlinuz.tmp"
	mv "$kdir/vmlinuz.tmp" "$kdir/vmlinuz"
fi

# An uncompressed ELF vmlinux boots faster (qboot + PVH entry, no
# decompression under TCG).  Optional: tests/vm/run falls back to vmlinuz.
if [ ! -f "$kdir/vmlinux" ]; then
	"$top/mk/extract-vmlinux" "$kdir/vmlinuz" > "$kdir/vmlinux.tmp" 2>/dev/null &&
		mv "$kdir/vmlinux.tmp" "$kdir/vmlinux" ||
		{ rm -f "$kdir/vmlinux.tmp"; say "no vmlinux extracted; booting vmlinuz"; }
fi
exit 0
