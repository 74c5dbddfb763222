#!/bin/sh
# make dkms-install / dkms-uninstall (mk/dkms.mk).
#
#   mk/dkms.sh install NAME VERSION SRC SOURCETREE [DKMS-OPTIONS...]
#   mk/dkms.sh uninstall NAME VERSION - SOURCETREE [DKMS-OPTIONS...]
#
# install copies SRC to SOURCETREE/NAME-VERSION, registers it (an earlier
# registration of the same version goes first, as the package's postinst
# does) and builds and installs the module for each kernel of DKMS_KVERS,
# by default every one whose headers are installed.  uninstall removes
# it from DKMS for all kernels and deletes SOURCETREE/NAME-VERSION.
set -eu
cmd=$1 name=$2 ver=$3 src=$4 tree=$5
shift 5
command -v dkms >/dev/null || { echo "dkms-$cmd: dkms is not installed (apt-get install dkms)" >&2; exit 1; }

registered() { [ -n "$(dkms status -m "$name" -v "$ver" "$@" 2>/dev/null)" ]; }

case $cmd in
install)
	if registered "$@"; then
		dkms remove -m "$name" -v "$ver" --all "$@"
	fi
	rm -rf "${tree:?}/$name-$ver"
	mkdir -p "$tree"
	cp -a "$src" "$tree/$name-$ver"
	dkms add -m "$name" -v "$ver" "$@"
	kvers=${DKMS_KVERS:-$(for d in /lib/modules/*/build/Makefile; do
		[ -f "$d" ] && basename "$(dirname "$(dirname "$d")")"; done)}
	[ -n "$kvers" ] || { echo "dkms-install: no kernel headers installed: nothing to build for" >&2; exit 1; }
	for k in $kvers; do
		dkms install -m "$name" -v "$ver" -k "$k" "$@"
	done
	;;
uninstall)
	if registered "$@"; then
		dkms remove -m "$name" -v "$ver" --all "$@"
	fi
	rm -rf "${tree:?}/$name-$ver"
	;;
*) echo "usage: dkms.sh install|uninstall NAME VERSION SRC|- SOURCETREE [DKMS-OPTIONS...]" >&2; exit 2;;
esac
