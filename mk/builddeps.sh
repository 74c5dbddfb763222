#!/bin/sh
# What `make` needs and never installs: when something is missing, one
# line naming the Debian packages on stdout (the Makefile stops with it)
# and exit 1.  `make deps` (root) installs them with everything the
# tests need.
#
#   mk/builddeps.sh KVER [KDIR]      (no KDIR: the module is not wanted)
kver=$1 kdir=${2:-}
pkgs= other=
need() { case " $pkgs " in *" $1 "*) ;; *) pkgs="$pkgs $1";; esac; }

for t in cc make ld ar; do command -v $t >/dev/null || need build-essential; done
[ -f /usr/include/stdio.h ] || need build-essential
command -v pkg-config >/dev/null || need pkg-config
[ -f /usr/include/xtables.h ] || need libxtables-dev
[ -f /usr/include/pcap/pcap.h ] || need libpcap-dev
if [ -n "$kdir" ] && [ ! -f "$kdir/Makefile" ]; then
	case $kver in
	unknown-kver) other="no headers for the running kernel $(uname -r) and apt knows no linux-headers-amd64: give KVER= or KDIR=";;
	*) case $kdir in
	   "/usr/src/linux-headers-$kver"|"/lib/modules/$kver/build") need "linux-headers-$kver";;
	   *) other="KDIR=$kdir is not a kernel build directory";;
	   esac;;
	esac
fi
[ -z "$pkgs$other" ] && exit 0
msg="missing build dependencies:"
[ -n "$pkgs" ] && msg="$msg apt-get install$pkgs (as root, or make deps)"
[ -n "$pkgs" ] && [ -n "$other" ] && msg="$msg;"
[ -n "$other" ] && msg="$msg $other"
echo "$msg"
exit 1
